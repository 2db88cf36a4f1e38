package io.csplaybooks.studio;

import jakarta.servlet.http.HttpSession;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The sets of files a person dropped in the studio, kept in their session between the check and the
 * deploy (the files are checked again when deployed): the last few, by a random id that only this
 * session knows.
 */
final class StudioDrafts {

  /** Drafts a session keeps; an older one is forgotten. */
  static final int KEPT = 5;
  private static final String ATTRIBUTE = StudioDrafts.class.getName();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A dropped set: file name to content, in the order dropped. */
  record Draft(String id, Map<String, byte[]> files) {}

  private StudioDrafts() {}

  static Draft keep(HttpSession session, Map<String, byte[]> files) {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    Draft draft = new Draft(HexFormat.of().formatHex(bytes), Map.copyOf(files));
    synchronized (session) {
      Map<String, Draft> drafts = drafts(session);
      drafts.put(draft.id(), draft);
      while (drafts.size() > KEPT) {
        drafts.remove(drafts.keySet().iterator().next());
      }
      session.setAttribute(ATTRIBUTE, drafts);
    }
    return draft;
  }

  static Optional<Draft> find(HttpSession session, String id) {
    synchronized (session) {
      return Optional.ofNullable(drafts(session).get(id));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Draft> drafts(HttpSession session) {
    Object kept = session.getAttribute(ATTRIBUTE);
    return kept instanceof LinkedHashMap<?, ?> map ? (Map<String, Draft>) map : new LinkedHashMap<>();
  }
}
