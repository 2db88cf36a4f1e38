package io.csplaybooks.support;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The form on the workspace's task page ({@code /tasks/{id}}) as a person fills it in a browser: a
 * field of the task's Camunda Form (form-js) by the id of its component in the {@code .form} file
 * (a dynamic list's row by its index: {@code Field_kpi_target_0}), the box around it with its
 * messages, dates typed as the page shows them, and form-js's selects.
 */
public final class TaskPageForm {

  private final Browser browser;

  public TaskPageForm(Browser browser) {
    this.browser = browser;
  }

  /** The input of a form field, once visible. */
  public WebElement field(String componentId) {
    return browser.visible(By.cssSelector("#task-form [id$=\"-" + componentId + "\"]"));
  }

  /**
   * Types text into a text field and leaves it, as a person moves to the next field: form-js takes a
   * text field's input after a short debounce and at once when the field loses focus, so a click on
   * another field of a list row just added could draw the row again without it (seen in a full run: the
   * milestone's name was empty). The field is read back until it holds the text.
   */
  public void type(String componentId, String text) {
    browser.waiting().withMessage(() -> componentId + " holding " + text).until(d -> {
      WebElement input = field(componentId);
      if (!text.equals(input.getAttribute("value"))) {
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(text);
      }
      // Left without moving into the next field (a select there would open).
      browser.script("arguments[0].blur()", input);
      return text.equals(field(componentId).getAttribute("value"));
    });
  }

  /** The form field around an input: its label, the input and its messages. */
  public WebElement fieldBox(String componentId) {
    return field(componentId).findElement(By.xpath("ancestor::div[contains(@class,'fjs-form-field')][1]"));
  }

  /** Clicks an element once it is in view (a form is often longer than the window). */
  public void click(WebElement element) {
    browser.script("arguments[0].scrollIntoView({block: 'center'})", element);
    element.click();
  }

  /** Types a date into form-js's date field as a person does, then leaves the field. */
  public void typeDate(WebElement input, String date) {
    input.click();
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
    input.sendKeys(date, Keys.ENTER);
    input.sendKeys(Keys.TAB);
  }

  /** Opens a form-js select and picks the option with that label. */
  public void choose(String componentId, String label) {
    click(browser.visible(By.cssSelector("#task-form [id$=\"-" + componentId + "-display\"]")));
    click(browser.visible(By.xpath("//*[contains(@class,'fjs-dropdownlist-item')][normalize-space(.)='" + label + "']")));
  }
}
