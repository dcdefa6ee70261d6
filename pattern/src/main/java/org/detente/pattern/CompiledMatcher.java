package org.detente.pattern;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * The {@link IndicatorMatcher} implementation.
 *
 * <p>Design. Every indicator gets a <i>slot</i>: its id as two longs (the UUID of {@code
 * indicator--<uuid>}; other ids in a side map) in chunked primitive arrays, and its validity in
 * {@link SlotValidity} (one long when it has no valid_until). An <i>atomic</i> indicator, one
 * observation expression whose comparisons are all exactly indexable ({@code =}, {@code IN} of
 * strings, {@code ISSUBSET} a network, {@code LIKE '%suffix'}, joined by OR), has nothing else: its
 * index entries in the {@link FieldIndex} of each type and path carry the slot itself, and a hit is
 * final. Any other indicator keeps a compiled pattern; each of its observation expressions is
 * reached through an anchor (index entries of one comparison that must hold for it, or of every
 * branch of an OR), checked exactly with {@link ComparisonEvaluator} on the observation, or, when
 * no anchor exists (negations, ordering, EXISTS, ...), evaluated for every observation holding an
 * SCO of its types. The observation expressions that hold go to the {@link Correlator}.
 *
 * <p>Concurrency. {@code add} and {@code remove} serialise on one lock and never block {@code
 * match}. Index tables publish each entry with a release store after its data; slot arrays grow by
 * chunks published through volatile fields, read after the entry that names the slot. Removal marks
 * the slot dead (a bit in {@link SlotValidity}) and bumps a volatile version that {@code match}
 * reads first, so an indicator removed before a {@code match} call never fires in it. Dead entries
 * stay in the tables until they outnumber the live ones, when the writer rebuilds the tables
 * without them (readers keep using the old arrays meanwhile).
 */
final class CompiledMatcher implements IndicatorMatcher {
  private static final int CHUNK_BITS = 14;
  private static final int CHUNK = 1 << CHUNK_BITS;
  static final int REF = 0x8000_0000;
  private static final long NONE = Long.MAX_VALUE;
  private static final String PREFIX = "indicator--";

  /** A compound indicator: its pattern and the references of its observation expressions. */
  record Compound(BindingSearch.Compiled pattern, int[] refs) {}

  /** An observation expression of a compound indicator, reached through the index or a scan. */
  record LeafRef(int slot, int leaf, ComparisonExpression expression) {}

  /** What the index holds for one SCO type. */
  static final class TypeIndex {
    final Map<String, FieldIndex> byPath = new HashMap<>();
    volatile FieldIndex[] fields = new FieldIndex[0];
    final ConcurrentHashMap<Integer, LeafRef> scans = new ConcurrentHashMap<>();
  }

  private final Object writeLock = new Object();
  private volatile long[][] idHi = new long[0][];
  private volatile long[][] idLo = new long[0][];
  private final SlotValidity validity = new SlotValidity();
  private int slots;
  private int dead;
  private volatile int live;
  private volatile int version;
  private final IdTable ids =
      new IdTable(
          new IdTable.Uuids() {
            @Override
            public long hi(int slot) {
              return idHi[slot >>> CHUNK_BITS][slot & (CHUNK - 1)];
            }

            @Override
            public long lo(int slot) {
              return idLo[slot >>> CHUNK_BITS][slot & (CHUNK - 1)];
            }
          });
  private final Map<String, Integer> otherIds = new HashMap<>();
  private final ConcurrentHashMap<Integer, String> otherIdBySlot = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, TypeIndex> types = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Integer, Compound> compounds = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Integer, LeafRef> refs = new ConcurrentHashMap<>();
  private int nextRef;
  private final Queue<Integer> forgotten = new ConcurrentLinkedQueue<>();

  // State of the matching thread.
  private final Correlator correlator;
  private final ComparisonEvaluator comparisons = new ComparisonEvaluator();
  private final EventState event = new EventState();

  /** The version the matching thread read when it started its latest call (release/acquire). */
  private int seenVersion = -1;

  private static final java.lang.invoke.VarHandle SEEN;

  static {
    try {
      SEEN =
          java.lang.invoke.MethodHandles.lookup()
              .findVarHandle(CompiledMatcher.class, "seenVersion", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Recycler slotRecycler = new Recycler();
  private final Recycler refRecycler = new Recycler();

  /**
   * Numbers (slots, leaf references) of removed indicators, reusable once no table names them and
   * the matching thread can no longer hold a table that did: after a compaction, and after the
   * matching thread has started a call having seen the version that published it.
   */
  static final class Recycler {
    private int[] dead = new int[16];
    private int deadCount;
    private int[] pending = new int[16];
    private int pendingCount;
    private int pendingTag;
    private int[] free = new int[16];
    private int freeCount;

    void died(int n) {
      if (deadCount == dead.length) {
        dead = Arrays.copyOf(dead, deadCount * 2);
      }
      dead[deadCount++] = n;
    }

    /** After a compaction published by version {@code tag}: the dead are no longer indexed. */
    void compacted(int tag) {
      pending = append(pending, pendingCount, dead, deadCount);
      pendingCount += deadCount;
      pendingTag = tag;
      deadCount = 0;
    }

    /** A reusable number, or -1. */
    int take(int seen) {
      if (freeCount == 0 && pendingCount > 0 && seen >= pendingTag) {
        free = append(free, freeCount, pending, pendingCount);
        freeCount += pendingCount;
        pendingCount = 0;
      }
      return freeCount == 0 ? -1 : free[--freeCount];
    }

    private static int[] append(int[] to, int count, int[] from, int n) {
      int[] out = to.length >= count + n ? to : Arrays.copyOf(to, Math.max(16, (count + n) * 2));
      System.arraycopy(from, 0, out, count, n);
      return out;
    }
  }

  CompiledMatcher(Options options) {
    this.correlator = new Correlator(Objects.requireNonNull(options, "options"));
  }

  // ---- writing ----

  @Override
  public void add(String indicatorId, String pattern, Instant validFrom, Instant validUntil) {
    Objects.requireNonNull(indicatorId, "indicatorId");
    Objects.requireNonNull(validFrom, "validFrom");
    if (validUntil != null && !validUntil.isAfter(validFrom)) {
      throw new IllegalArgumentException(
          "indicator "
              + indicatorId
              + ": valid_until "
              + validUntil
              + " is not after valid_from "
              + validFrom);
    }
    PatternExpression parsed = StixPatterns.parse(pattern);
    List<IndexPlan.Spec> atomic =
        parsed instanceof PatternExpression.Observation o
            ? IndexPlan.exactAnchors(o.comparison())
            : null;
    BindingSearch.Compiled compiled = atomic == null ? BindingSearch.Compiled.of(parsed) : null;
    synchronized (writeLock) {
      int old = slotOf(indicatorId);
      if (old >= 0) {
        kill(old);
      }
      int slot = allocate(indicatorId, validFrom, validUntil);
      if (atomic != null) {
        atomic.forEach(s -> register(s, slot));
      } else {
        int[] leafRefs = new int[compiled.leaves().size()];
        for (int l = 0; l < leafRefs.length; l++) {
          int ref = refRecycler.take((int) SEEN.getAcquire(this));
          if (ref < 0) {
            if (nextRef == Integer.MAX_VALUE) {
              throw new IllegalStateException("matcher full: " + nextRef + " leaf references");
            }
            ref = nextRef++;
          }
          leafRefs[l] = ref;
          refs.put(ref, new LeafRef(slot, l, compiled.leaves().get(l)));
        }
        compounds.put(slot, new Compound(compiled, leafRefs));
        for (int l = 0; l < leafRefs.length; l++) {
          ComparisonExpression leaf = compiled.leaves().get(l);
          List<IndexPlan.Spec> anchors = IndexPlan.anchors(leaf);
          if (anchors == null) {
            for (String type : leaf.objectTypes()) {
              typeIndex(type).scans.put(leafRefs[l], refs.get(leafRefs[l]));
            }
          } else {
            int target = REF | leafRefs[l];
            anchors.forEach(s -> register(s, target));
          }
        }
      }
      live++;
      version++;
    }
  }

  @Override
  public boolean remove(String indicatorId) {
    Objects.requireNonNull(indicatorId, "indicatorId");
    synchronized (writeLock) {
      int slot = slotOf(indicatorId);
      if (slot < 0) {
        return false;
      }
      kill(slot);
      version++;
      return true;
    }
  }

  @Override
  public int size() {
    return live;
  }

  /** Slots ever allocated (live, dead and free). */
  int slotCount() {
    synchronized (writeLock) {
      return slots;
    }
  }

  /** Observations whose correlation search was abandoned over budget. */
  long tooComplex() {
    return correlator.tooComplex();
  }

  /** Heap bytes held by the index tables (not the slot arrays), for the benchmarks. */
  long indexBytes() {
    long b = 0;
    for (TypeIndex t : types.values()) {
      for (FieldIndex f : t.fields) {
        b += f.bytes();
      }
    }
    return b;
  }

  private TypeIndex typeIndex(String type) {
    return types.computeIfAbsent(type, k -> new TypeIndex());
  }

  private void register(IndexPlan.Spec s, int target) {
    TypeIndex t = typeIndex(s.type());
    String key = s.path().toString();
    FieldIndex f = t.byPath.get(key);
    if (f == null) {
      f = new FieldIndex(s.path());
      t.byPath.put(key, f);
      FieldIndex[] grown = Arrays.copyOf(t.fields, t.fields.length + 1);
      grown[grown.length - 1] = f;
      t.fields = grown;
    }
    switch (s.kind()) {
      case EXACT -> f.addExact(s.key(), target);
      case NETWORK -> f.addNetwork(s.network(), target);
      case SUFFIX -> f.addSuffix(s.key(), target);
      case LITERAL -> f.addLiteral(s.key(), target);
    }
  }

  private int slotOf(String id) {
    long[] uuid = uuidOf(id);
    if (uuid == null) {
      Integer s = otherIds.get(id);
      return s == null ? -1 : s;
    }
    return ids.find(uuid[0], uuid[1]);
  }

  /** The UUID of a canonical {@code indicator--<lowercase uuid>} id (not nil), or null. */
  static long[] uuidOf(String id) {
    if (id.length() != PREFIX.length() + 36 || !id.startsWith(PREFIX)) {
      return null;
    }
    long hi = 0;
    long lo = 0;
    int digits = 0;
    for (int i = PREFIX.length(); i < id.length(); i++) {
      char c = id.charAt(i);
      int at = i - PREFIX.length();
      if (at == 8 || at == 13 || at == 18 || at == 23) {
        if (c != '-') {
          return null;
        }
        continue;
      }
      int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (v < 0) {
        return null;
      }
      if (digits < 16) {
        hi = hi << 4 | v;
      } else {
        lo = lo << 4 | v;
      }
      digits++;
    }
    return hi == 0 && lo == 0 ? null : new long[] {hi, lo};
  }

  private int allocate(String id, Instant from, Instant until) {
    int slot = slotRecycler.take((int) SEEN.getAcquire(this));
    if (slot < 0) {
      slot = slots++;
    }
    int chunk = slot >>> CHUNK_BITS;
    if (chunk == idHi.length) {
      idHi = grow(idHi);
      idLo = grow(idLo);
    }
    int at = slot & (CHUNK - 1);
    long[] uuid = uuidOf(id);
    if (uuid == null) {
      idHi[chunk][at] = 0;
      idLo[chunk][at] = 0;
      otherIds.put(id, slot);
      otherIdBySlot.put(slot, id);
    } else {
      idHi[chunk][at] = uuid[0];
      idLo[chunk][at] = uuid[1];
      ids.put(uuid[0], uuid[1], slot);
    }
    validity.set(slot, from, until);
    return slot;
  }

  private static long[][] grow(long[][] dir) {
    long[][] next = Arrays.copyOf(dir, dir.length + 1);
    next[dir.length] = new long[CHUNK];
    return next;
  }

  private void kill(int slot) {
    validity.kill(slot);
    String other = otherIdBySlot.remove(slot);
    if (other != null) {
      otherIds.remove(other);
    } else {
      ids.remove(ids.hiOf(slot), ids.loOf(slot));
    }
    Compound c = compounds.remove(slot);
    if (c != null) {
      for (int ref : c.refs()) {
        refRecycler.died(ref);
        LeafRef r = refs.remove(ref);
        for (String type : r.expression().objectTypes()) {
          TypeIndex t = types.get(type);
          if (t != null) {
            t.scans.remove(ref);
          }
        }
      }
    }
    forgotten.add(slot);
    slotRecycler.died(slot);
    live--;
    if (++dead > 4096 && dead > live) {
      compact();
    }
  }

  /** Rebuilds every table without the entries of dead slots. */
  private void compact() {
    for (TypeIndex t : types.values()) {
      for (FieldIndex f : t.fields) {
        f.retain(this::targetLive);
      }
    }
    dead = 0;
    slotRecycler.compacted(version + 1);
    refRecycler.compacted(version + 1);
  }

  private boolean targetLive(int target) {
    if ((target & REF) != 0) {
      return refs.containsKey(target & ~REF);
    }
    return !validity.dead(target);
  }

  static long nanos(Instant t) {
    long s = t.getEpochSecond();
    if (s > 9_000_000_000L) {
      return NONE - 1;
    }
    if (s < -9_000_000_000L) {
      return Long.MIN_VALUE;
    }
    return s * 1_000_000_000L + t.getNano();
  }

  // ---- matching ----

  /** Per-observation scratch state of the matching thread, reused. */
  private final class EventState implements StringKeyTable.TargetSink {
    Observation observation;
    long firstNanos;
    long lastMs;
    int lastSub;
    ComparisonEvaluator.Scope scope;
    Consumer<MatchHit> hits;
    final IntSet atomicSeen = new IntSet();
    final Map<Integer, Boolean> checked = new HashMap<>();
    final Map<Integer, BitSet> candidates = new HashMap<>();

    ComparisonEvaluator.Scope scope() {
      if (scope == null) {
        scope = ComparisonEvaluator.Scope.of(observation);
      }
      return scope;
    }

    @Override
    public void accept(int target) {
      if ((target & REF) == 0) {
        if (covers(target) && atomicSeen.add(target)) {
          hits.accept(
              new MatchHit(
                  idOf(target),
                  List.of(observation.id()),
                  observation.firstObserved(),
                  observation.lastObserved()));
        }
        return;
      }
      check(target & ~REF, null);
    }

    void check(int ref, LeafRef known) {
      if (checked.containsKey(ref)) {
        return;
      }
      LeafRef r = known != null ? known : refs.get(ref);
      boolean holds = r != null && covers(r.slot()) && comparisons.holds(r.expression(), scope());
      checked.put(ref, holds);
      if (holds) {
        candidates.computeIfAbsent(r.slot(), k -> new BitSet()).set(r.leaf());
      }
    }
  }

  private boolean covers(int slot) {
    return validity.covers(slot, event.lastMs, event.lastSub, event.firstNanos);
  }

  private String idOf(int slot) {
    long hi = idHi[slot >>> CHUNK_BITS][slot & (CHUNK - 1)];
    long lo = idLo[slot >>> CHUNK_BITS][slot & (CHUNK - 1)];
    if (hi == 0 && lo == 0) {
      return otherIdBySlot.get(slot);
    }
    return PREFIX + new UUID(hi, lo);
  }

  @Override
  public void match(Observation observation, Consumer<MatchHit> hits) {
    Objects.requireNonNull(observation, "observation");
    Objects.requireNonNull(hits, "hits");
    // The volatile read makes earlier removals visible here; publishing it lets the writer reuse
    // the numbers of indicators compacted away before it.
    SEEN.setRelease(this, version);
    for (Integer gone; (gone = forgotten.poll()) != null; ) {
      correlator.forget(gone);
    }
    correlator.advance(observation.firstObserved());
    EventState e = event;
    e.observation = observation;
    e.firstNanos = nanos(observation.firstObserved());
    e.lastMs = observation.lastObserved().toEpochMilli();
    e.lastSub = observation.lastObserved().getNano() % 1_000_000;
    e.scope = null;
    e.hits = hits;
    e.atomicSeen.clear();
    e.checked.clear();
    e.candidates.clear();
    List<Observation.Part> parts = observation.parts();
    for (int i = 0; i < parts.size(); i++) {
      Observation.Part sco = parts.get(i);
      TypeIndex t = types.get(sco.type());
      if (t == null) {
        continue;
      }
      for (FieldIndex f : t.fields) {
        if (f.plain()) {
          String v = f.plainText(sco);
          if (v != null) {
            f.probe(v, e);
          }
        } else {
          f.forEachValue(sco.object(), e::scope, v -> f.probe(v, e));
        }
      }
      if (!t.scans.isEmpty()) {
        for (Map.Entry<Integer, LeafRef> s : t.scans.entrySet()) {
          e.check(s.getKey(), s.getValue());
        }
      }
    }
    if (e.candidates.isEmpty()) {
      return;
    }
    List<Integer> slotsHit = new ArrayList<>(e.candidates.keySet());
    slotsHit.sort(null);
    for (int slot : slotsHit) {
      Compound c = compounds.get(slot);
      if (c == null) {
        continue;
      }
      MatchHit hit =
          correlator.offer(
              slot,
              idOf(slot),
              c.pattern(),
              new Correlator.Entry(
                  observation.id(),
                  observation.firstObserved(),
                  observation.lastObserved(),
                  observation.numberObserved(),
                  e.candidates.get(slot)));
      if (hit != null) {
        hits.accept(hit);
      }
    }
  }

  /** A small open-addressing set of non-negative ints, cleared per observation. */
  static final class IntSet {
    private int[] table = new int[16];
    private int size;

    boolean add(int v) {
      if ((size + 1) * 2 > table.length) {
        int[] old = table;
        table = new int[old.length * 2];
        size = 0;
        for (int x : old) {
          if (x != 0) {
            add(x - 1);
          }
        }
      }
      int mask = table.length - 1;
      for (int i = StringKeyTable.mix(v) & mask; ; i = (i + 1) & mask) {
        if (table[i] == 0) {
          table[i] = v + 1;
          size++;
          return true;
        }
        if (table[i] == v + 1) {
          return false;
        }
      }
    }

    void clear() {
      if (size > 0) {
        Arrays.fill(table, 0);
        size = 0;
      }
    }
  }
}
