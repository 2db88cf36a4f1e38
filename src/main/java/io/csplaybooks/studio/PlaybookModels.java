package io.csplaybooks.studio;

import io.csplaybooks.common.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.stereotype.Service;

/** A deployed version of a playbook as its BPMN: the file as deployed (for drawing) and its model (for reading). */
@Service
class PlaybookModels {

  private final RepositoryService repository;

  public PlaybookModels(RepositoryService repository) {
    this.repository = repository;
  }

  /** The version's process definition; the newest when version is null. */
  public ProcessDefinition definition(String key, Integer version) {
    var query = repository.createProcessDefinitionQuery().processDefinitionKey(key);
    ProcessDefinition definition = version == null ? query.latestVersion().singleResult()
        : query.processDefinitionVersion(version).singleResult();
    if (definition == null) {
      throw new NotFoundException(version == null ? "no playbook " + key : "playbook " + key + " has no version " + version);
    }
    return definition;
  }

  /** The BPMN file of the definition, as it was deployed. */
  public byte[] file(String definitionId) {
    try (InputStream in = repository.getProcessModel(definitionId)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the BPMN of " + definitionId, e);
    }
  }

  public BpmnModelInstance model(String definitionId) {
    return repository.getBpmnModelInstance(definitionId);
  }
}
