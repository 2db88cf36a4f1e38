package io.csplaybooks.sandbox;

import io.csplaybooks.playbook.PlaybookFunctions;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.impl.juel.AstBinary;
import org.camunda.bpm.impl.juel.AstBoolean;
import org.camunda.bpm.impl.juel.AstBracket;
import org.camunda.bpm.impl.juel.AstChoice;
import org.camunda.bpm.impl.juel.AstComposite;
import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstEval;
import org.camunda.bpm.impl.juel.AstFunction;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.AstNested;
import org.camunda.bpm.impl.juel.AstNull;
import org.camunda.bpm.impl.juel.AstNumber;
import org.camunda.bpm.impl.juel.AstParameters;
import org.camunda.bpm.impl.juel.AstString;
import org.camunda.bpm.impl.juel.AstText;
import org.camunda.bpm.impl.juel.AstUnary;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.TreeBuilderException;

/**
 * What an expression in a playbook may say, checked on the expression's syntax tree before the
 * engine accepts the file: process variables, literals, operators, the application's steps by name
 * and the functions of its {@link PlaybookFunctions} beans, the business key of the running
 * playbook, and the engine's date and user functions, with the few methods of {@link #VALUE_METHODS}
 * on the dates they return. Anything else (another bean, a property or method of an object,
 * {@code getClass()}, a static call, a method that builds or scans text) is refused with the reason
 * in words. {@link SandboxedExpressionManager} enforces the same lists again when the engine evaluates.
 */
public final class PlaybookExpressions {

  /** The same parser features as the engine's expression factory (method calls with arguments, varargs). */
  private static final Builder PARSER = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);

  /** The engine's functions a playbook may call: dates and the current user. */
  static final Set<String> FUNCTIONS = Set.of("now", "dateTime", "currentUser", "currentUserGroups");

  /** What a playbook may read of the execution it runs in (a call activity passes the business key on). */
  static final Set<String> EXECUTION_FACTS = Set.of("processBusinessKey", "businessKey", "processInstanceId",
      "processDefinitionId", "currentActivityId", "activityInstanceId", "id", "eventName");

  /** What a task listener's expression may read of its task. */
  static final Set<String> TASK_FACTS = Set.of("id", "name", "assignee", "owner", "taskDefinitionKey",
      "processInstanceId", "eventName", "dueDate", "followUpDate", "priority");

  /**
   * The methods an expression may call on a value (a date, text, a number): each compares, reads or
   * moves a value, and none builds text longer than what it is called on or scans it with a regular
   * expression. {@code repeat}, {@code matches}, {@code replaceAll}, {@code split}, {@code format},
   * {@code concat} and the like are not here: one call could fill the job executor's memory or keep
   * it busy for hours, and capping the result afterwards comes too late.
   */
  static final Set<String> VALUE_METHODS = Set.of(
      // Dates: the engine's dateTime() (Joda) and now() (java.util.Date), as Tasklist filters use them.
      "plusYears", "plusMonths", "plusWeeks", "plusDays", "plusHours", "plusMinutes", "plusSeconds",
      "minusYears", "minusMonths", "minusWeeks", "minusDays", "minusHours", "minusMinutes", "minusSeconds",
      "withTimeAtStartOfDay", "toDate", "toLocalDate", "getMillis", "getTime", "isBefore", "isAfter", "isEqual",
      "before", "after", "getYear", "getMonthOfYear", "getDayOfMonth", "getDayOfWeek",
      // Text.
      "length", "isEmpty", "isBlank", "equalsIgnoreCase", "startsWith", "endsWith", "contains", "indexOf",
      "lastIndexOf", "charAt", "substring", "trim", "strip", "toLowerCase", "toUpperCase", "compareToIgnoreCase",
      // Numbers and yes or no.
      "intValue", "longValue", "doubleValue", "booleanValue",
      // Any value.
      "equals", "compareTo", "toString");

  /** Names the engine resolves to its own objects rather than to process variables. */
  static final Set<String> ENGINE_OBJECTS = Set.of("execution", "task", "caseExecution", "externalTask");

  private final PlaybookBeans beans;
  private final Predicate<String> serverBean;

  /**
   * @param serverBean whether a name is one of the server's own beans (the data source, the engine's
   *     services, ...): a playbook that names one is refused even though it could only reach the
   *     beans offered to it at run time.
   */
  PlaybookExpressions(PlaybookBeans beans, Predicate<String> serverBean) {
    this.beans = beans;
    this.serverBean = serverBean;
  }

  /**
   * FEEL's functions in a decision table that build text or lists without bound, or scan text with
   * a regular expression, and its loops and function definitions (a decision compares values; it does
   * not loop or recurse).
   */
  private static final Pattern UNBOUNDED_FEEL = Pattern.compile("(?<![\\w.])(string\\s+join|matches|replace|split"
      + "|extract|concatenate|append|insert\\s+before|flatten|union|distinct\\s+values|duplicate\\s+values|sort"
      + "|partition|context\\s+merge|put\\s+all|function)\\s*\\(|(?<![\\w.])(for|some|every)\\s+\\w+(?:\\s+\\w+){0,3}\\s+in\\s");
  private static final Pattern FEEL_STRING = Pattern.compile("\"(\\\\.|[^\"\\\\])*\"");

  /** A FEEL expression of a decision table: refused when it may build or scan text without bound. */
  static Optional<String> checkFeel(String text) {
    Matcher refused = UNBOUNDED_FEEL.matcher(FEEL_STRING.matcher(text).replaceAll("\"\""));
    if (!refused.find()) {
      return Optional.empty();
    }
    String what = refused.group(1) != null ? refused.group(1).replaceAll("\\s+", " ") + "()"
        : "a " + refused.group(2) + " loop";
    return Optional.of("uses " + what + ", which decision tables may not use: a rule compares values; it does not"
        + " build or scan text with regular expressions, loop or define functions, which could fill the server's"
        + " memory or keep it busy for hours");
  }

  public static boolean isExpression(String text) {
    return text != null && (text.contains("${") || text.contains("#{"));
  }

  /** A delegate expression: exactly {@code ${step}} for one of the application's steps. */
  Optional<String> checkStep(String text) {
    return parsed(text, this::checkStep);
  }

  private Optional<String> checkStep(Node root) {
    if (root instanceof AstEval eval && eval.getChild(0) instanceof AstIdentifier step) {
      if (beans.isStep(step.getName())) {
        return Optional.empty();
      }
      return Optional.of("the application has no step named '" + step.getName()
          + "': check the spelling, or ask a developer to add it");
    }
    return Optional.of("a delegate expression names one step of the application and nothing else, as"
        + " ${scoreHandoffBrief}");
  }

  /** Any other expression: a value the engine computes (a condition, a due date, an input, a timer...). */
  Optional<String> checkValue(String text) {
    return parsed(text, this::check);
  }

  private static Optional<String> parsed(String text, Function<Node, Optional<String>> check) {
    Node root;
    try {
      root = PARSER.build(text).getRoot();
    } catch (TreeBuilderException e) {
      return Optional.of("is not an expression the engine can read (" + firstLine(e.getMessage()) + ")");
    }
    return check.apply(root);
  }

  private Optional<String> check(Node node) {
    if (node instanceof AstText || node instanceof AstString || node instanceof AstNumber
        || node instanceof AstBoolean || node instanceof AstNull) {
      return Optional.empty();
    }
    if (node instanceof AstEval || node instanceof AstComposite || node instanceof AstNested
        || node instanceof AstBinary || node instanceof AstUnary || node instanceof AstChoice
        || node instanceof AstParameters) {
      return children(node, 0);
    }
    if (node instanceof AstIdentifier identifier) {
      return checkName(identifier.getName());
    }
    if (node instanceof AstMethod method) {
      return checkCall(method);
    }
    if (node instanceof AstDot dot) {
      return checkRead(dot);
    }
    if (node instanceof AstBracket bracket) {
      Optional<String> inner = children(bracket, 0);
      if (inner.isPresent() && !(bracket.getChild(0) instanceof AstIdentifier)) {
        return inner;
      }
      return Optional.of("reads x[...]: a playbook reads process variables and the application's functions,"
          + " not the inside of objects");
    }
    if (node instanceof AstFunction function) {
      String name = function.getName();
      if (!FUNCTIONS.contains(name)) {
        return Optional.of("calls the function " + name + "(), which playbooks may not use: use one of "
            + String.join(", ", FUNCTIONS.stream().sorted().map(f -> f + "()").toList()));
      }
      return children(node, 0);
    }
    return Optional.of("uses " + node + ", which playbooks may not use");
  }

  private Optional<String> children(Node node, int from) {
    for (int i = from; i < node.getCardinality(); i++) {
      Optional<String> problem = check(node.getChild(i));
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }

  private Optional<String> checkName(String name) {
    if (ENGINE_OBJECTS.contains(name)) {
      return Optional.of("uses '" + name + "' itself: a playbook may read " + factsText(name)
          + ", nothing else of the engine");
    }
    if (beans.isStep(name)) {
      return Optional.of("names the step '" + name + "' where a value is expected: a step runs as a delegate"
          + " expression of a task or listener");
    }
    if (beans.isFunctions(name)) {
      return Optional.of("names '" + name + "' without calling one of its functions: use " + name + "."
          + beans.functionsOf(name).iterator().next() + "(...)");
    }
    if (serverBean.test(name)) {
      return Optional.of("uses '" + name + "', which is part of the server, not a step or function the"
          + " application offers to playbooks");
    }
    return Optional.empty();
  }

  private Optional<String> checkCall(AstMethod method) {
    Node property = method.getChild(0);
    if (property instanceof AstDot dot && dot.getChild(0) instanceof AstIdentifier target) {
      String bean = target.getName();
      String function = propertyName(dot);
      if (beans.isFunctions(bean)) {
        if (!beans.offers(bean, function)) {
          return Optional.of("calls " + bean + "." + function + "(), which " + bean + " does not offer: use one of "
              + String.join(", ", beans.functionsOf(bean)));
        }
        return children(method.getChild(1), 0);
      }
      if (beans.isStep(bean)) {
        return Optional.of("calls " + bean + "." + function + "(): a step runs as a delegate expression, its"
            + " methods are not called from expressions");
      }
      Optional<String> name = checkName(bean);
      if (name.isPresent()) {
        return name;
      }
      return Optional.of("calls " + bean + "." + function + "(): a playbook calls only the functions the"
          + " application offers (such as handoffPlaybook.briefDue()), not methods of values");
    }
    if (property instanceof AstDot dot) {
      Optional<String> inner = check(dot.getChild(0));
      if (inner.isPresent()) {
        return inner;
      }
      String function = propertyName(dot);
      if (isDate(dot.getChild(0))) {
        // ${dateTime().plusDays(2).toDate()}: the engine's dates, as Tasklist filters use them.
        if (!VALUE_METHODS.contains(function)) {
          return Optional.of("calls " + function + "(), which playbooks may not call: an expression calls only"
              + " methods that compare, read or move dates and text, such as plusDays(), toDate(), isBefore(),"
              + " length(), startsWith() or substring(), never one that builds or scans text without bound (repeat(),"
              + " matches(), replaceAll(), split(), format() and the like)");
        }
        return children(method.getChild(1), 0);
      }
      return Optional.of("calls " + function + "() on a computed value: a playbook calls only the functions the"
          + " application offers, not methods of what they return");
    }
    return Optional.of("calls a method by a computed name, which playbooks may not do");
  }

  /** The engine's now() or dateTime(), or a date computed from them. */
  private static boolean isDate(Node node) {
    if (node instanceof AstFunction function) {
      return function.getName().equals("now") || function.getName().equals("dateTime");
    }
    return node instanceof AstMethod method && method.getChild(0) instanceof AstDot dot && isDate(dot.getChild(0));
  }

  private Optional<String> checkRead(AstDot dot) {
    String property = propertyName(dot);
    if (dot.getChild(0) instanceof AstIdentifier target) {
      String name = target.getName();
      if (ENGINE_OBJECTS.contains(name)) {
        if (facts(name).contains(property)) {
          return Optional.empty();
        }
        return Optional.of("reads " + name + "." + property + ": a playbook may read " + factsText(name)
            + ", nothing else of the engine");
      }
      Optional<String> problem = checkName(name);
      if (problem.isPresent()) {
        return problem;
      }
    } else {
      Optional<String> inner = check(dot.getChild(0));
      if (inner.isPresent()) {
        return inner;
      }
    }
    return Optional.of("reads ." + property + " of a value: a playbook reads process variables and the"
        + " application's functions, not the inside of objects");
  }

  private static Set<String> facts(String engineObject) {
    return switch (engineObject) {
      case "execution" -> EXECUTION_FACTS;
      case "task" -> TASK_FACTS;
      default -> Set.of();
    };
  }

  private static String factsText(String engineObject) {
    Set<String> facts = facts(engineObject);
    return facts.isEmpty() ? "nothing of it"
        : String.join(", ", facts.stream().sorted().map(f -> engineObject + "." + f).toList());
  }

  /** AstDot keeps its property name private and prints it as ". name". */
  private static String propertyName(AstDot dot) {
    String printed = dot.toString();
    return printed.startsWith(". ") ? printed.substring(2) : printed;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "syntax error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
