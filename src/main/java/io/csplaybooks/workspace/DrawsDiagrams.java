package io.csplaybooks.workspace;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A workspace page handler whose page draws BPMN diagrams with bpmn-js's viewer (the studio's). Its
 * Content-Security-Policy lets through the few style attributes of the bpmn.io watermark, which
 * bpmn-js's licence does not let us change, by their hashes, and no other inline style
 * (WorkspaceHeaders.BPMN_IO_WATERMARK).
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface DrawsDiagrams {}
