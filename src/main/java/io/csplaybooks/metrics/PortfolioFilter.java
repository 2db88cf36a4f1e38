package io.csplaybooks.metrics;

import io.csplaybooks.account.Segment;
import io.csplaybooks.common.Validation;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A part of the portfolio: accounts of one segment, region or CSM (each optional). The SQL it adds
 * names only the conditions that are set, so the database plans each query for what is asked.
 */
public record PortfolioFilter(String segment, String region, String csm) {

  public static final PortfolioFilter ALL = new PortfolioFilter(null, null, null);

  /** The filter a person chose, checked: a segment of ours, a region and CSM id of sane shape. */
  public static PortfolioFilter of(String segment, String region, String csm) {
    Validation v = new Validation();
    String s = blankToNull(segment);
    if (s != null) {
      s = Segment.fromCode(s).map(Segment::code).orElse(null);
      if (s == null) {
        v.reject("segment", "must be one of strategic, enterprise, mid-market, scaled");
      }
    }
    String r = blankToNull(region);
    if (r != null && !r.matches("[A-Za-z0-9_-]{1,20}")) {
      v.reject("region", "must be a region code such as EMEA");
    }
    String c = blankToNull(csm);
    if (c != null && !c.matches("[a-zA-Z0-9._-]{1,64}")) {
      v.reject("csm", "must be a user id");
    }
    v.throwIfInvalid();
    return new PortfolioFilter(s, r, c);
  }

  public boolean isAll() {
    return segment == null && region == null && csm == null;
  }

  /**
   * " and a.segment = :segment ... " for the account table under that alias, with a space on either
   * side (a single space when nothing is filtered), to join SQL text blocks.
   */
  String where(String alias) {
    StringBuilder sql = new StringBuilder(" ");
    if (segment != null) {
      sql.append("and ").append(alias).append(".segment = :segment ");
    }
    if (region != null) {
      sql.append("and ").append(alias).append(".region = :region ");
    }
    if (csm != null) {
      sql.append("and ").append(alias).append(".csm_id = :csm ");
    }
    return sql.toString();
  }

  Map<String, Object> params() {
    Map<String, Object> params = new LinkedHashMap<>();
    if (segment != null) {
      params.put("segment", segment);
    }
    if (region != null) {
      params.put("region", region);
    }
    if (csm != null) {
      params.put("csm", csm);
    }
    return params;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
