package org.detente.pattern.sighting;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.detente.pattern.Observation;
import org.detente.stix.StixJson;
import org.detente.stix.StixObject;
import org.detente.stix.StixTimestamp;

/** The STIX objects that publish an observation: its {@code observed-data} and its SCOs. */
public final class Evidence {
  private Evidence() {}

  /**
   * The {@code observed-data} (section 4.13: {@code first_observed}, {@code last_observed}, {@code
   * number_observed}, {@code object_refs} naming every SCO of the observation) followed by the
   * SCOs.
   *
   * @param createdBy the identity that produced it
   * @param created its {@code created} and {@code modified} time
   */
  public static List<StixObject> of(Observation o, String createdBy, Instant created) {
    ObjectNode od = StixJson.newObject();
    od.put("type", "observed-data");
    od.put("spec_version", "2.1");
    od.put("id", o.id());
    od.put("created_by_ref", createdBy);
    String t = StixTimestamp.formatMillis(created);
    od.put("created", t);
    od.put("modified", t);
    od.put("first_observed", o.firstObserved().toString());
    od.put("last_observed", o.lastObserved().toString());
    od.put("number_observed", o.numberObserved());
    ArrayNode refs = od.putArray("object_refs");
    List<StixObject> out = new ArrayList<>(o.objects().size() + 1);
    out.add(null);
    for (StixObject sco : o.objects()) {
      refs.add(sco.id());
      out.add(sco);
    }
    out.set(0, StixObject.adopt(od));
    return out;
  }
}
