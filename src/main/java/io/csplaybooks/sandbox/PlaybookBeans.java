package io.csplaybooks.sandbox;

import io.csplaybooks.playbook.PlaybookFunctions;
import io.csplaybooks.playbook.PlaybookStep;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * What the application offers to playbooks, and so everything a playbook may reach: the steps
 * ({@link PlaybookStep}, named by a delegate expression) and the functions of the
 * {@link PlaybookFunctions} beans (their own public methods). The deploy-time validator and the
 * engine's expression resolution both read this one list.
 */
public final class PlaybookBeans {

  private final Set<String> steps;
  private final Set<String> accountSteps;
  private final Set<String> mailSteps;
  private final Map<String, Set<String>> functions;
  private final Set<String> names;
  private final Map<String, String> formerNames;

  private PlaybookBeans(Set<String> steps, Set<String> accountSteps, Set<String> mailSteps,
      Map<String, Set<String>> functions, Map<String, String> formerNames) {
    this.steps = Set.copyOf(steps);
    this.accountSteps = Set.copyOf(accountSteps);
    this.mailSteps = Set.copyOf(mailSteps);
    this.functions = Map.copyOf(functions);
    this.formerNames = Map.copyOf(formerNames);
    Set<String> all = new TreeSet<>(steps);
    all.addAll(functions.keySet());
    this.names = Collections.unmodifiableSet(all);
  }

  /** Steps and function beans by name, with their classes; a function bean is offered under its former names too. */
  public static PlaybookBeans of(Map<String, Class<?>> steps, Map<String, Class<?>> functionBeans) {
    Map<String, Set<String>> functions = new TreeMap<>();
    Map<String, String> formerNames = new TreeMap<>();
    functionBeans.forEach((name, type) -> {
      functions.put(name, functionsOf(type));
      PlaybookFunctions annotation = AnnotationUtils.findAnnotation(ClassUtils.getUserClass(type), PlaybookFunctions.class);
      for (String former : annotation == null ? new String[0] : annotation.formerly()) {
        functions.put(former, functionsOf(type));
        formerNames.put(former, name);
      }
    });
    // A step bean without the annotation (a process test's mock) is taken to act on an account.
    Set<String> accountSteps = steps.entrySet().stream()
        .filter(step -> {
          PlaybookStep annotation = step.getValue() == null ? null
              : AnnotationUtils.findAnnotation(ClassUtils.getUserClass(step.getValue()), PlaybookStep.class);
          return annotation == null || annotation.actsOnAccount();
        })
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
    Set<String> mailSteps = steps.entrySet().stream()
        .filter(step -> {
          PlaybookStep annotation = step.getValue() == null ? null
              : AnnotationUtils.findAnnotation(ClassUtils.getUserClass(step.getValue()), PlaybookStep.class);
          return annotation != null && annotation.mail();
        })
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
    return new PlaybookBeans(steps.keySet(), accountSteps, mailSteps, functions, formerNames);
  }

  /** The beans of a running application, from their definitions (nothing is created early). */
  public static PlaybookBeans of(ListableBeanFactory beans) {
    return of(typesOf(beans, PlaybookStep.class), typesOf(beans, PlaybookFunctions.class));
  }

  /** The annotated classes under a package, as the tests and the Modeler rules see them without an application. */
  public static PlaybookBeans scan(String basePackage) {
    return of(scan(basePackage, PlaybookStep.class, step -> step.value()),
        scan(basePackage, PlaybookFunctions.class, functions -> functions.value()));
  }

  public boolean isStep(String name) {
    return steps.contains(name);
  }

  /** A step that acts on the playbook's account ({@link PlaybookStep#actsOnAccount()}). */
  public boolean actsOnAccount(String step) {
    return accountSteps.contains(step);
  }

  /** A step that sends a mail ({@link PlaybookStep#mail()}): nothing may wait for it. */
  public boolean sendsMail(String step) {
    return step != null && mailSteps.contains(step);
  }

  public boolean isFunctions(String name) {
    return functions.containsKey(name);
  }

  public boolean offers(String bean, String method) {
    return functions.getOrDefault(bean, Set.of()).contains(method);
  }

  public Set<String> functionsOf(String bean) {
    return functions.getOrDefault(bean, Set.of());
  }

  /** The bean's name now, for a name a playbook writes (which may be a former one). */
  public String beanName(String name) {
    return formerNames.getOrDefault(name, name);
  }

  /** Every bean a playbook may name. */
  public Set<String> names() {
    return names;
  }

  /** The public instance methods the class declares itself: no getClass(), nothing inherited from a framework. */
  static Set<String> functionsOf(Class<?> type) {
    Class<?> user = ClassUtils.getUserClass(type);
    return Arrays.stream(user.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
        .filter(m -> !m.isSynthetic() && !m.isBridge())
        .map(Method::getName)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Map<String, Class<?>> typesOf(ListableBeanFactory beans, Class<? extends Annotation> annotation) {
    Map<String, Class<?>> types = new TreeMap<>();
    for (String name : beans.getBeanNamesForAnnotation(annotation)) {
      types.put(name, beans.getType(name, false));
    }
    return types;
  }

  private static <A extends Annotation> Map<String, Class<?>> scan(String basePackage, Class<A> annotation,
      Function<A, String> name) {
    ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(annotation));
    Map<String, Class<?>> types = new TreeMap<>();
    for (BeanDefinition definition : scanner.findCandidateComponents(basePackage)) {
      Class<?> type = ClassUtils.resolveClassName(definition.getBeanClassName(), PlaybookBeans.class.getClassLoader());
      types.put(name.apply(type.getAnnotation(annotation)), type);
    }
    return types;
  }
}
