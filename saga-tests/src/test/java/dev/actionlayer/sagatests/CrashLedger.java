package dev.actionlayer.sagatests;

import dev.actionlayer.saga.SagaResult;
import dev.actionlayer.testkit.fake.FakeVendor;
import dev.actionlayer.testkit.fake.RecordedCall;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The books of one crash run, kept from three independent sources so that each check can fail:
 * what the child said its journal made durable (stdout), what went over the wire and what each
 * vendor answered (the {@link VendorTaps} log), and what the fakes hold now. {@link #problems()}
 * lists every broken invariant: an orphan (a record of a saga that did not complete, or of a
 * saga built to fail), a duplicate (two records, or two applied creates, for one idempotency key),
 * a saga left unfinished or finished twice, a record deleted twice.
 */
final class CrashLedger {
  static final List<String> VENDORS = List.of("sf", "drive", "stripe", "jira");

  /** A saga step's idempotency key as the engine derives it: saga id (a UUID), step, call. */
  private static final Pattern KEY =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-\\d+-\\d+");
  private static final Pattern TAG = Pattern.compile("r\\d+t\\d+n\\d+");

  /** What one fake holds: records alive now, by the tag and the key they carry. */
  record Holding(String vendor, String id, String tag, String key) {}

  /** The fakes' counters of applied creates, to cross-check the log's reading of statuses. */
  record Counters(int sf, int drive, int stripe, int jira) {
    static Counters of(FourVendors v) {
      return new Counters(v.salesforce.insertCount(), v.drive.createCount(), v.stripe.createCount(),
          v.jira.createCount());
    }

    int get(String vendor) {
      return switch (vendor) {
        case "sf" -> sf;
        case "drive" -> drive;
        case "stripe" -> stripe;
        case "jira" -> jira;
        default -> throw new IllegalArgumentException(vendor);
      };
    }
  }

  final String run;
  final List<String> problems = new ArrayList<>();
  // Numbers for the report.
  int sagasStarted;
  int completedByChild;
  int compensatedByChild;
  int recovered;
  int recoveredCompensated;
  int recoveredCompleted;
  int orphans;
  int duplicates;
  int appliedCreates;
  int deletesInRecovery;
  /** Recovered sagas the child had been compensating when it died. */
  int killedMidCompensation;
  /** Recovered sagas whose last durable entry was a create intent (the call in flight, or not sent). */
  int killedWithCallInFlight;
  /**
   * Creates a vendor applied for the child whose outcome the child never reported journaled
   * (mostly: killed in between; rarely: journaled, then killed before printing it).
   */
  int appliedButNotJournaled;

  CrashLedger(String run) {
    this.run = run;
  }

  /**
   * Checks the run.
   *
   * @param lines the child's whole stdout
   * @param exchanges every exchange of the run (child and recovery), from the tap log
   * @param recovery every saga the recovering worker(s) finished
   * @param before the fakes' counters before the child started
   * @param maxUnprinted how many sagas may have ended durably without the child printing it
   *     (killed between the append and the print: one per child thread at most)
   */
  CrashLedger check(FourVendors vendors, List<String> lines, List<VendorTaps.Exchange> exchanges,
      List<SagaResult> recovery, Counters before, int maxUnprinted) {
    Map<String, String> tagOf = new HashMap<>();
    Map<String, Boolean> keepOf = new HashMap<>();
    Set<String> startedDurably = new HashSet<>();
    Map<String, String> endedDurably = new HashMap<>();
    Map<String, String> lastEntry = new HashMap<>();
    Set<String> compensating = new HashSet<>();
    Set<String> journaledOutcome = new HashSet<>();
    for (String line : lines) {
      String[] f = line.split(" ");
      switch (f[0]) {
        case "BEGIN" -> {
          tagOf.put(f[1], f[2]);
          keepOf.put(f[2], f[3].equals("KEEP"));
        }
        case "END" -> {
          if (f[3].equals("COMPLETED")) completedByChild++;
          else compensatedByChild++;
        }
        case "J" -> {
          String type = f[1];
          String saga = f[2];
          lastEntry.put(saga, type);
          if (type.equals("SAGA_STARTED")) startedDurably.add(saga);
          if (type.equals("SAGA_ENDED")) endedDurably.put(saga, f[5]);
          if (type.startsWith("COMPENSATION_")) compensating.add(saga);
          if (type.equals("CALL_DONE") || type.equals("CALL_FAILED")) journaledOutcome.add(saga + "-" + f[3] + "-" + f[4]);
        }
        default -> { }
      }
    }
    sagasStarted = startedDurably.size();

    // Every saga the journal knew is terminal: ended in the child, or finished by recovery, once.
    Map<String, SagaResult> recoveredById = new LinkedHashMap<>();
    for (SagaResult r : recovery) {
      if (recoveredById.put(r.sagaId(), r) != null) problems.add("saga " + r.sagaId() + " recovered twice");
      if (endedDurably.containsKey(r.sagaId())) {
        problems.add("saga " + r.sagaId() + " ended in the child (" + endedDurably.get(r.sagaId())
            + ") and was recovered again as " + r.status());
      }
      if (r.status() == SagaResult.Status.COMPENSATION_FAILED) problems.add("recovery left residue: " + r);
      if (r.status() == SagaResult.Status.COMPENSATED) recoveredCompensated++;
      if (r.status() == SagaResult.Status.COMPLETED) recoveredCompleted++;
      if (compensating.contains(r.sagaId())) killedMidCompensation++;
      else if ("CALL_INTENT".equals(lastEntry.get(r.sagaId()))) killedWithCallInFlight++;
    }
    recovered = recoveredById.size();
    int unprinted = 0;
    for (String saga : startedDurably) {
      if (!endedDurably.containsKey(saga) && !recoveredById.containsKey(saga)) unprinted++;
    }
    if (unprinted > maxUnprinted) {
      problems.add(unprinted + " saga(s) the journal had started were neither ended nor recovered"
          + " (at most " + maxUnprinted + " may have ended unprinted)");
    }

    // What each saga's end means for its records.
    Map<String, SagaResult.Status> statusOfTag = new HashMap<>();
    endedDurably.forEach((saga, status) -> {
      if (tagOf.containsKey(saga)) statusOfTag.put(tagOf.get(saga), SagaResult.Status.valueOf(status));
    });
    recoveredById.forEach((saga, r) -> {
      if (tagOf.containsKey(saga)) statusOfTag.put(tagOf.get(saga), r.status());
    });

    // Zero orphans: per tag, either the whole saga's four records, or none.
    List<Holding> holdings = holdings(vendors);
    Map<String, Map<String, Integer>> byTag = new TreeMap<>();
    for (Holding h : holdings) {
      byTag.computeIfAbsent(h.tag(), t -> new TreeMap<>()).merge(h.vendor(), 1, Integer::sum);
    }
    for (Map.Entry<String, Map<String, Integer>> e : byTag.entrySet()) {
      String tag = e.getKey();
      int records = e.getValue().values().stream().mapToInt(Integer::intValue).sum();
      boolean whole = e.getValue().size() == 4 && records == 4;
      SagaResult.Status status = statusOfTag.get(tag);
      boolean completed = status == SagaResult.Status.COMPLETED
          // Ended unprinted: a saga built to complete that holds exactly its four records did.
          || (status == null && whole && Boolean.TRUE.equals(keepOf.get(tag)));
      if (!completed || !whole || !Boolean.TRUE.equals(keepOf.get(tag))) {
        orphans += records;
        problems.add("orphan(s) of saga " + tag + " (" + (status == null ? "status unknown" : status)
            + ", built to " + (Boolean.TRUE.equals(keepOf.get(tag)) ? "complete" : "fail") + "): " + e.getValue());
      }
    }
    for (Map.Entry<String, SagaResult.Status> e : statusOfTag.entrySet()) {
      if (e.getValue() == SagaResult.Status.COMPLETED && !byTag.containsKey(e.getKey())) {
        problems.add("saga " + e.getKey() + " completed but its records are gone");
      }
    }

    // Zero duplicates: one live record per key, and one applied create per key.
    Map<String, Integer> liveByKey = new HashMap<>();
    for (Holding h : holdings) liveByKey.merge(h.vendor() + " " + h.key(), 1, Integer::sum);
    liveByKey.forEach((key, n) -> {
      if (n > 1) {
        duplicates += n - 1;
        problems.add(n + " live records for key " + key);
      }
    });
    Map<String, Integer> appliedByKey = new TreeMap<>();
    Map<String, Integer> appliedByVendor = new HashMap<>();
    for (VendorTaps.Exchange x : exchanges) {
      if (!appliedCreate(vendors, x)) continue;
      String key = key(x);
      appliedByKey.merge(x.vendor() + " " + key, 1, Integer::sum);
      appliedByVendor.merge(x.vendor(), 1, Integer::sum);
      appliedCreates++;
      if (key != null && !journaledOutcome.contains(key) && x.source().endsWith("-child")) {
        appliedButNotJournaled++;
      }
    }
    appliedByKey.forEach((key, n) -> {
      if (n > 1) {
        duplicates += n - 1;
        problems.add(n + " applied creates for key " + key);
      }
    });
    Counters after = Counters.of(vendors);
    for (String vendor : VENDORS) {
      int counted = after.get(vendor) - before.get(vendor);
      int logged = appliedByVendor.getOrDefault(vendor, 0);
      if (counted != logged) {
        problems.add(vendor + " applied " + counted + " creates but the log shows " + logged
            + " (the test misreads the vendor's answers)");
      }
    }

    // No record deleted twice, and recovery (one worker or two) undoes each record once.
    Map<String, Integer> okDeletes = new HashMap<>();
    Map<String, List<String>> recoveryDeletes = new TreeMap<>();
    for (VendorTaps.Exchange x : exchanges) {
      if (!undoes(x)) continue;
      String target = x.vendor() + " " + x.method() + " " + x.target().replaceAll("\\?.*", "");
      if (x.ok() && x.method().equals("DELETE")) okDeletes.merge(target, 1, Integer::sum);
      if (!x.source().endsWith("-child")) {
        if (x.method().equals("DELETE")) deletesInRecovery++;
        recoveryDeletes.computeIfAbsent(target, t -> new ArrayList<>()).add(x.source());
      }
    }
    okDeletes.forEach((target, n) -> {
      if (n > 1) problems.add(target + " succeeded " + n + " times");
    });
    recoveryDeletes.forEach((target, by) -> {
      if (by.size() > 1) problems.add("recovery sent " + target + " " + by.size() + " times: " + by);
    });
    return this;
  }

  List<String> problems() {
    return problems;
  }

  /** This run's records alive at the four fakes, each with its tag and the key it was created under. */
  List<Holding> holdings(FourVendors v) {
    List<Holding> out = new ArrayList<>();
    for (var c : v.salesforce.contacts()) add(out, "sf", c.id(), c.lastName(), c.externalId());
    for (var f : v.drive.folders()) {
      add(out, "drive", f.id(), f.name(), f.appProperties().get("actionlayerKey"));
    }
    for (var c : v.stripe.customers()) {
      if (!c.deleted()) add(out, "stripe", c.id(), c.name(), c.metadata().get("actionlayer_key"));
    }
    for (var i : v.jira.issues()) add(out, "jira", i.id(), i.summary(), String.join(",", i.labels()));
    return out;
  }

  private void add(List<Holding> out, String vendor, String id, String text, String keyText) {
    Matcher tag = TAG.matcher(text == null ? "" : text);
    if (!tag.find() || !tag.group().startsWith(run + "t")) return; // another run's record
    Matcher key = KEY.matcher(keyText == null ? "" : keyText);
    out.add(new Holding(vendor, id, tag.group(), key.find() ? key.group() : "(no key) " + id));
  }

  /** Whether the vendor applied (stored) the create {@code x} carried, as its answer tells. */
  static boolean appliedCreate(FourVendors v, VendorTaps.Exchange x) {
    if (!x.forwarded() || !fake(v, x.vendor()).isCreate(call(x))) return false;
    return switch (x.vendor()) {
      // An upsert answers 201 when it inserted, 200/204 when the key's record already existed.
      case "sf" -> x.status() == 201;
      case "drive" -> x.status() == 200;
      // Stripe replays a saved answer to a repeated key, marked Idempotent-Replayed.
      case "stripe" -> x.status() == 200 && !"true".equals(x.responseHeader("Idempotent-Replayed"));
      case "jira" -> x.status() == 201;
      default -> throw new IllegalArgumentException(x.vendor());
    };
  }

  /**
   * Whether {@code x} is part of undoing a record: its DELETE, or (Drive looks before it deletes)
   * the GET of a Drive file by id. A record undone twice, by two workers say, shows one of them
   * twice even when the vendor answers the second DELETE 404, or the second look makes it unsent.
   */
  static boolean undoes(VendorTaps.Exchange x) {
    if (x.method().equals("DELETE")) return true;
    return x.vendor().equals("drive") && x.method().equals("GET")
        && x.target().matches("/drive/v3/files/[^/?]+(\\?.*)?") && !x.target().startsWith("/drive/v3/files/generateIds");
  }

  /** The idempotency key a create carried (path, header or body), or null. */
  static String key(VendorTaps.Exchange x) {
    String idem = x.header("Idempotency-Key");
    Matcher m = KEY.matcher(x.target() + " " + (idem == null ? "" : idem) + " " + x.requestBody());
    return m.find() ? m.group() : null;
  }

  static RecordedCall call(VendorTaps.Exchange x) {
    return new RecordedCall(x.method(), x.target(), x.requestHeaders(), x.requestBody());
  }

  static FakeVendor fake(FourVendors v, String vendor) {
    return switch (vendor) {
      case "sf" -> v.salesforce;
      case "drive" -> v.drive;
      case "stripe" -> v.stripe;
      case "jira" -> v.jira;
      default -> throw new IllegalArgumentException(vendor);
    };
  }

  @Override
  public String toString() {
    return run + ": started " + sagasStarted + ", child completed " + completedByChild + " compensated "
        + compensatedByChild + ", recovered " + recovered + " (compensated " + recoveredCompensated
        + ", completed " + recoveredCompleted + "), orphans " + orphans + ", duplicates " + duplicates
        + ", applied creates " + appliedCreates + " (" + appliedButNotJournaled + " not journaled by the child)"
        + ", recovery deletes " + deletesInRecovery;
  }
}
