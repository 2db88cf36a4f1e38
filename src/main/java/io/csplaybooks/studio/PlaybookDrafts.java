package io.csplaybooks.studio;

import io.csplaybooks.common.EngineClock;
import io.csplaybooks.common.FieldError;
import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.common.NotFoundException;
import io.csplaybooks.sandbox.PlaybookValidationPlugin;
import io.csplaybooks.sandbox.PlaybookValidator;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The drafts CS managers save from the studio's editor: each save of a playbook (by its key, the
 * executable process's id) is that person's next version of it, numbered from 1; a person reads
 * only their own. A draft is untrusted input: within the studio's size for a file, XML without a
 * DOCTYPE (no entities to expand), one executable process whose key and name a playbook may have.
 * What the playbook may do is the check's to say, when the draft is handed to it.
 */
@Repository
class PlaybookDrafts {

  /** The size of a file the studio's check takes. */
  static final int MAX_BYTES = PlaybookValidationPlugin.MAX_FILE_BYTES;
  /** Versions kept of one draft: saving the next forgets the oldest beyond these. */
  static final int VERSIONS_KEPT = 50;
  /** Playbooks one person drafts at once. */
  static final int MAX_DRAFTS = 100;
  /** Deeper than any diagram a person draws: the check's own limit. */
  static final int MAX_DEPTH = PlaybookValidator.MAX_DEPTH;

  private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";

  /** A saved version of a draft. */
  record Draft(long id, String owner, String key, String name, int version, Instant savedAt) {}

  /** A draft as the page lists it: its newest version and how many are kept. */
  record Listed(Draft latest, int versions) {}

  /** A draft refused: the field, the reason in English (the API's), and the message key for the page's language. */
  static final class Refused extends InvalidInputException {
    final String code;
    final transient Object[] arguments;

    Refused(String field, String reason, String code, Object... arguments) {
      super(List.of(new FieldError(field, reason)));
      this.code = code;
      this.arguments = arguments;
    }
  }

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;

  PlaybookDrafts(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
  }

  /** Saves the BPMN as the owner's next version of its playbook's draft. */
  Draft save(String owner, byte[] bpmn) {
    Playbook playbook = read(bpmn);
    String xml = new String(bpmn, StandardCharsets.UTF_8);
    // Two saves at once (two tabs) both take the next number; the unique key lets one of them win
    // and the other takes the number after it.
    for (int attempt = 0; ; attempt++) {
      try {
        return transaction.execute(status -> insert(owner, playbook, xml));
      } catch (DuplicateKeyException raced) {
        if (attempt == 2) {
          throw raced;
        }
      }
    }
  }

  private Draft insert(String owner, Playbook playbook, String xml) {
    Integer newest = jdbc.sql("select max(version) from studio_draft where owner = :owner and playbook_key = :key")
        .param("owner", owner).param("key", playbook.key()).query(Integer.class).optional().orElse(null);
    if (newest == null) {
      long drafts = jdbc.sql("select count(distinct playbook_key) from studio_draft where owner = :owner")
          .param("owner", owner).query(Long.class).single();
      if (drafts >= MAX_DRAFTS) {
        throw new Refused("xml", "you have drafts of " + MAX_DRAFTS + " playbooks: drop one first",
            "too-many", MAX_DRAFTS);
      }
    }
    int version = newest == null ? 1 : newest + 1;
    Instant now = EngineClock.now();
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
            insert into studio_draft (owner, playbook_key, name, version, bpmn_xml, saved_at)
            values (:owner, :key, :name, :version, :xml, :at)""")
        .param("owner", owner).param("key", playbook.key()).param("name", playbook.name())
        .param("version", version).param("xml", xml).param("at", Timestamp.from(now))
        .update(keys, "id");
    jdbc.sql("delete from studio_draft where owner = :owner and playbook_key = :key and version <= :oldest")
        .param("owner", owner).param("key", playbook.key()).param("oldest", version - VERSIONS_KEPT).update();
    return new Draft(keys.getKey().longValue(), owner, playbook.key(), playbook.name(), version, now);
  }

  /** Drops every version of the owner's draft of the playbook: how many there were (none of another's). */
  int drop(String owner, String key) {
    return jdbc.sql("delete from studio_draft where owner = :owner and playbook_key = :key")
        .param("owner", owner).param("key", key).update();
  }

  /** The owner's draft version; nobody else's (as if it did not exist). */
  Draft find(String owner, long id) {
    return jdbc.sql("select id, owner, playbook_key, name, version, saved_at from studio_draft"
            + " where id = :id and owner = :owner")
        .param("id", id).param("owner", owner).query(PlaybookDrafts::row).optional()
        .orElseThrow(() -> new NotFoundException("you have no draft " + id));
  }

  /** The BPMN of the owner's draft version. */
  String xml(String owner, long id) {
    Optional<String> xml = jdbc.sql("select bpmn_xml from studio_draft where id = :id and owner = :owner")
        .param("id", id).param("owner", owner).query(String.class).optional();
    return xml.orElseThrow(() -> new NotFoundException("you have no draft " + id));
  }

  /** The owner's drafts, the most recently saved first, each by its newest version. */
  List<Listed> mine(String owner) {
    return jdbc.sql("""
            select d.id, d.owner, d.playbook_key, d.name, d.version, d.saved_at, v.versions
              from studio_draft d
              join (select playbook_key, max(version) as newest, count(*) as versions
                      from studio_draft where owner = :owner group by playbook_key) v
                on v.playbook_key = d.playbook_key and v.newest = d.version
             where d.owner = :owner
             order by d.saved_at desc, d.id desc""")
        .param("owner", owner)
        .query((rs, n) -> new Listed(row(rs, n), rs.getInt("versions"))).list();
  }

  /** The versions kept of the owner's draft of a playbook, newest first. */
  List<Draft> versions(String owner, String key) {
    return jdbc.sql("select id, owner, playbook_key, name, version, saved_at from studio_draft"
            + " where owner = :owner and playbook_key = :key order by version desc")
        .param("owner", owner).param("key", key).query(PlaybookDrafts::row).list();
  }

  private static Draft row(ResultSet rs, int n) throws SQLException {
    return new Draft(rs.getLong("id"), rs.getString("owner"), rs.getString("playbook_key"), rs.getString("name"),
        rs.getInt("version"), rs.getTimestamp("saved_at").toInstant());
  }

  /** The playbook a draft holds. */
  record Playbook(String key, String name) {}

  /** The draft's playbook, or a refusal naming what is wrong with the file. */
  static Playbook read(byte[] bpmn) {
    if (bpmn == null || bpmn.length == 0) {
      throw new Refused("xml", "is empty: the editor sends the playbook's BPMN", "empty");
    }
    if (bpmn.length > MAX_BYTES) {
      throw new Refused("xml", "is larger than " + MAX_BYTES / 1024 + " KB", "too-large", MAX_BYTES / 1024);
    }
    Document document;
    try {
      document = PlaybookValidator.parse(bpmn);
    } catch (Exception notXml) {
      throw new Refused("xml", "is not well-formed XML without a DOCTYPE", "not-xml");
    }
    String encoding = document.getXmlEncoding();
    if (encoding != null && !encoding.equalsIgnoreCase("UTF-8")) {
      throw new Refused("xml", "is in " + encoding + ": the editor saves UTF-8", "encoding");
    }
    Element root = document.getDocumentElement();
    if (!BPMN.equals(root.getNamespaceURI()) || !"definitions".equals(root.getLocalName())) {
      throw new Refused("xml", "is not a BPMN 2.0 file (its root is not bpmn:definitions)", "not-bpmn");
    }
    if (PlaybookValidator.tooDeep(root)) {
      throw new Refused("xml", "nests elements deeper than " + MAX_DEPTH + " levels", "too-deep", MAX_DEPTH);
    }
    List<Element> executable = new ArrayList<>();
    for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element e && BPMN.equals(e.getNamespaceURI()) && "process".equals(e.getLocalName())
          && "true".equals(e.getAttribute("isExecutable").trim())) {
        executable.add(e);
      }
    }
    if (executable.size() != 1) {
      throw new Refused("xml", "must hold one executable process, not " + executable.size(), "processes",
          executable.size());
    }
    String key = executable.get(0).getAttribute("id");
    if (key.length() > PlaybookTemplates.MAX_KEY || !PlaybookTemplates.KEY.matcher(key).matches()) {
      throw new Refused("key", "must be lowercase words of letters and digits joined by single hyphens, starting"
          + " with a letter, at most " + PlaybookTemplates.MAX_KEY + " characters, like sales-handoff", "key",
          PlaybookTemplates.MAX_KEY);
    }
    String name = executable.get(0).hasAttribute("name") ? executable.get(0).getAttribute("name").strip() : null;
    if (name != null && (name.length() > PlaybookTemplates.MAX_NAME || !PlaybookTemplates.isOneLine(name))) {
      throw new Refused("name", "must be one line of at most " + PlaybookTemplates.MAX_NAME + " characters", "name",
          PlaybookTemplates.MAX_NAME);
    }
    return new Playbook(key, name == null || name.isEmpty() ? null : name);
  }
}
