package io.strata.reconciler.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.strata.planner.observed.LogicalVolume;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.observed.ThinPool;
import io.strata.planner.observed.VolumeGroup;
import io.strata.planner.plan.Plan;
import io.strata.reconciler.daemon.ApplySummary;
import io.strata.reconciler.daemon.CycleObservation;
import io.strata.reconciler.daemon.CycleSteps;
import io.strata.reconciler.daemon.DaemonFacts;
import io.strata.reconciler.daemon.DriftReport;
import io.strata.reconciler.daemon.PlanOutcome;
import io.strata.reconciler.daemon.PlanRequest;
import io.strata.reconciler.daemon.Validation;
import io.strata.reconciler.daemon.ValidationError;
import io.strata.reconciler.drift.DriftClass;
import io.strata.reconciler.drift.DriftItem;
import io.strata.reconciler.status.ReplicationState;
import io.strata.reconciler.status.StatusModel;
import io.strata.schema.diag.Diagnostic;
import io.strata.schema.load.LoadResult;
import io.strata.schema.load.ManifestLoader;
import io.strata.schema.model.DesiredState;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The routes without a daemon: steps that return fixed facts go through the recorder, as the
 * daemon's cycle would call them, and the answers are checked over a real socket.
 */
class WebRoutesTest {
  static final String SCRIPT = "<script>alert(1)</script>";
  static final String MANIFESTS =
      """
      apiVersion: strata.io/v1
      kind: Node
      metadata: {name: alpha, labels: {zone: a, note: "%s"}}
      spec: {address: 10.0.0.1, connection: {type: simulated}}
      ---
      apiVersion: strata.io/v1
      kind: Node
      metadata: {name: beta, labels: {zone: b}}
      spec: {address: 10.0.0.2, connection: {type: simulated}}
      ---
      apiVersion: strata.io/v1
      kind: Node
      metadata: {name: gamma, labels: {zone: c}}
      spec: {address: 10.0.0.3, connection: {type: simulated}}
      ---
      apiVersion: strata.io/v1
      kind: StoragePool
      metadata: {name: thin}
      spec: {node: alpha, provider: {type: lvm-thin, volumeGroup: vg0, thinPool: thin}, overcommit: 2}
      ---
      apiVersion: strata.io/v1
      kind: ResourceTemplate
      metadata: {name: mirrored}
      spec: {layers: [drbd, storage], placement: {redundancy: 1}}
      ---
      apiVersion: strata.io/v1
      kind: Volume
      metadata: {name: pg-data}
      spec: {size: 10 GiB, template: mirrored, access: [gamma]}
      """
          .formatted(SCRIPT);

  private HttpServer server;
  private CycleRecorder<DesiredState, ObservedState> recorder;
  private WebClient client;
  private final Fixed steps = new Fixed();

  @BeforeEach
  void start() throws Exception {
    recorder =
        new CycleRecorder<>(
            steps, Clock.fixed(Instant.parse("2026-12-05T08:00:00Z"), ZoneOffset.UTC));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
    server.createContext(
        "/",
        new WebRoutes(
            recorder,
            () ->
                new DaemonFacts(
                    "c1",
                    steps.head,
                    "c1",
                    steps.head,
                    "success",
                    Instant.parse("2026-12-05T08:00:01Z"),
                    null),
            10));
    server.start();
    client = new WebClient(server.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  /** One cycle as the daemon runs it: validate, observe, plan, drift, status. */
  private void cycle(String commit, String manifests) {
    steps.head = commit;
    Validation<DesiredState> v =
        recorder.validate(commit, Map.of("m.yaml", manifests.getBytes(StandardCharsets.UTF_8)));
    DesiredState d = v instanceof Validation.Valid<DesiredState> ok ? ok.desired() : steps.good;
    steps.good = d;
    CycleObservation<ObservedState> o = recorder.observe();
    recorder.plan(new PlanRequest<>(commit, d, o, true, Set.of()));
    recorder.drift(d, o);
    recorder.status(d, o);
  }

  @Test
  void everyDocumentedPathAnswersAsDocumented() {
    cycle("c1", MANIFESTS);
    OpenApiContract api = OpenApiContract.load();
    for (String path : api.paths()) {
      String concrete = path.replace("{name}", "pg-data");
      HttpResponse<String> r = client.get(concrete);
      assertEquals(200, r.statusCode(), concrete + ": " + r.body());
      if (api.hasJsonSchema(path, 200)) {
        assertEquals(List.of(), api.validate(path, 200, r.body()), concrete + ": " + r.body());
      }
    }
    HttpResponse<String> missing = client.get("/api/v1/volumes/nope");
    assertEquals(404, missing.statusCode());
    assertEquals(
        List.of(), api.validate("/api/v1/volumes/{name}", 404, missing.body()), missing.body());
    assertTrue(missing.body().contains("no volume named nope"), missing.body());
  }

  @Test
  void theContractCatchesAMissingRequiredKey() {
    cycle("c1", MANIFESTS);
    OpenApiContract api = OpenApiContract.load();
    String body = client.get("/api/v1/status").body();
    assertTrue(body.contains("\"name\":\"pg-data\","), body);
    List<String> errors =
        api.validate("/api/v1/status", 200, body.replace("\"name\":\"pg-data\",", ""));
    assertFalse(errors.isEmpty(), "a volume without a name passed the schema");
    assertTrue(errors.toString().contains("name"), errors.toString());
  }

  @Test
  void statusCarriesTheSharedKeysAndTheReplicationState() {
    cycle("c1", MANIFESTS);
    String body = client.get("/api/v1/status").body();
    for (String key :
        List.of(
            "\"name\":\"pg-data\"",
            "\"ready\":",
            "\"node\":\"beta\"",
            "\"totalBytes\":",
            "\"freeBytes\":",
            "\"state\":\"SyncTarget\"",
            "\"syncPercent\":42.5",
            "\"role\":\"diskless\"",
            "\"devicePath\":\"/dev/drbd1000\"",
            "\"template\":\"mirrored\"")) {
      assertTrue(body.contains(key), key + " in " + body);
    }
    // thin pool: provisioned sizes against the physical size, with the declared overcommit
    String pools = client.get("/api/v1/pools").body();
    assertTrue(pools.contains("\"overcommit\":2.0"), pools);
    assertTrue(
        pools.contains(
            "\"name\":\"thin\",\"node\":\"alpha\",\"provider\":\"lvm-thin\",\"thin\":true,"
                + "\"totalBytes\":85899345920,\"freeBytes\":75161927680,"
                + "\"allocatedBytes\":107374182400,\"overcommit\":2.0"),
        pools);
  }

  @Test
  void strongEtagsAnswer304AndHeadHasNoBody() {
    cycle("c1", MANIFESTS);
    for (String path : List.of("/", "/api/v1/status", "/api/v1/plan", "/api/v1/drift")) {
      HttpResponse<String> first = client.get(path);
      String etag = first.headers().firstValue("ETag").orElseThrow();
      assertTrue(etag.matches("\"[0-9a-f]{32}\""), etag);
      HttpResponse<String> again = client.send("GET", path, etag);
      assertEquals(304, again.statusCode(), path);
      assertEquals("", again.body());
      assertEquals(200, client.send("GET", path, "\"other\"").statusCode());
      HttpResponse<String> head = client.send("HEAD", path, null);
      assertEquals(200, head.statusCode());
      assertEquals("", head.body());
      assertEquals(etag, head.headers().firstValue("ETag").orElseThrow());
    }
    // a change of facts changes the tag
    String before = client.get("/api/v1/drift").headers().firstValue("ETag").orElseThrow();
    steps.drift =
        new DriftReport(
            List.of(
                new DriftItem(
                    "pg-data",
                    "beta",
                    "drbd",
                    DriftClass.DEGRADED,
                    "pg-data",
                    "resource is down")));
    cycle("c1", MANIFESTS);
    HttpResponse<String> after = client.send("GET", "/api/v1/drift", before);
    assertEquals(200, after.statusCode());
    assertTrue(after.body().contains("degraded"), after.body());
    assertTrue(
        client
            .get("/api/v1/alerts")
            .body()
            .contains("\"key\":\"drift/pg-data/beta/drbd/degraded\""));
  }

  @Test
  void onlyGetAndHead() {
    cycle("c1", MANIFESTS);
    for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
      HttpResponse<String> r = client.send(method, "/api/v1/status", null);
      assertEquals(405, r.statusCode(), method);
      assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElseThrow());
      assertTrue(r.body().contains("read-only"), r.body());
    }
    assertEquals(404, client.get("/api/v1/nothing").statusCode());
    assertEquals(404, client.get("/favicon.ico").statusCode());
  }

  @Test
  void userTextIsEscapedOnThePage() {
    cycle("c1", MANIFESTS);
    // an invalid head whose error quotes the user's text
    cycle("c2", MANIFESTS.replace("size: 10 GiB", "size: \"" + SCRIPT + "\""));
    String html = client.get("/").body();
    assertFalse(html.contains(SCRIPT), "raw script in page");
    assertTrue(html.contains("&lt;script&gt;"), html);
    assertTrue(
        client
            .get("/")
            .headers()
            .firstValue("Content-Security-Policy")
            .orElseThrow()
            .startsWith("default-src 'none'"));
    XmlPage page = XmlPage.parse(html);
    assertEquals(List.of(), page.nodes("//script"));
    assertTrue(page.text().contains("note=" + SCRIPT), "label shown as text");
    List<String> errors = page.texts("//ul[@class='errors']/li");
    assertFalse(errors.isEmpty(), html);
    assertTrue(errors.get(0).startsWith("m.yaml:"), errors.toString());
    String status = client.get("/api/v1/status").body();
    assertTrue(status.contains("\"invalidCommit\":{\"commit\":\"c2\""), status);
    assertTrue(status.contains("\"commitInForce\":\"c1\""), status);
  }

  @Test
  void pageShowsVolumesReplicasAndPools() {
    cycle("c1", MANIFESTS);
    XmlPage page = XmlPage.parse(client.get("/").body());
    assertEquals(List.of("pg-data"), page.volumeRows());
    List<String> cells = page.volumeCells("pg-data");
    assertEquals("10 GiB", cells.get(0));
    assertEquals("mirrored", cells.get(1));
    assertTrue(cells.get(3).contains("beta SyncTarget 42.5 %"), cells.toString());
    assertTrue(cells.get(3).contains("gamma Diskless"), cells.toString());
    assertTrue(cells.get(4).contains("gamma /dev/drbd1000"), cells.toString());
    assertEquals(1, page.nodes("//meta[@http-equiv='refresh']").size());
    assertFalse(page.nodes("//main").isEmpty());
    assertFalse(page.nodes("//table/caption").isEmpty());
    assertFalse(page.nodes("//div[@class='bar' and @role='img']").isEmpty());
  }

  /** Steps with fixed facts: a mirrored volume syncing to beta, gamma a diskless client. */
  static final class Fixed implements CycleSteps<DesiredState, ObservedState> {
    volatile String head;
    DesiredState good;
    DriftReport drift = DriftReport.none();

    @Override
    public Validation<DesiredState> validate(String commit, Map<String, byte[]> files) {
      LoadResult r = ManifestLoader.loadBytes(files);
      if (r instanceof LoadResult.Valid v) {
        return new Validation.Valid<>(v.state());
      }
      List<ValidationError> errors = new ArrayList<>();
      for (Diagnostic d : ((LoadResult.Invalid) r).errors()) {
        errors.add(
            new ValidationError(
                d.origin().file(), d.origin().line(), d.origin().column(), d.message()));
      }
      return new Validation.Invalid<>(errors);
    }

    @Override
    public CycleObservation<ObservedState> widen(
        CycleObservation<ObservedState> observed, PlanOutcome plan) {
      return null;
    }

    @Override
    public CycleObservation<ObservedState> observeChanges(DesiredState before, DesiredState after) {
      return observe();
    }

    @Override
    public CycleObservation<ObservedState> observe() {
      // alpha's thin pool: 80 GiB, 10 GiB used, 100 GiB provisioned (two thin LVs)
      NodeState alpha =
          new NodeState(
              "alpha",
              List.of(
                  new VolumeGroup(
                      "vg0", 100L << 30, 20L << 30, 4 << 20, List.of("/dev/sim/vg0-pv0"))),
              List.of(new ThinPool("vg0", "thin", 80L << 30, 10L << 30)),
              List.of(),
              List.of(
                  new LogicalVolume(
                      "vg0",
                      "pg-data_00000",
                      60L << 30,
                      new TreeSet<>(Set.of("strata")),
                      "thin",
                      null,
                      "Vwi-a-tz--"),
                  new LogicalVolume(
                      "vg0", "other", 40L << 30, new TreeSet<>(), "thin", null, "Vwi-a-tz--")),
              List.of(),
              List.of(),
              List.of(),
              List.of(),
              List.of());
      return new CycleObservation<>(
          ObservedState.of(Map.of("alpha", alpha), Map.of("gamma", "ssh: timeout")),
          "{}",
          Map.of());
    }

    @Override
    public Map<String, String> schedules(DesiredState desired) {
      return Map.of();
    }

    @Override
    public PlanOutcome plan(PlanRequest<DesiredState, ObservedState> request) {
      return new PlanOutcome(
          new Plan(request.commit(), "sha256:0", List.of(), List.of(), List.of()), "no changes");
    }

    @Override
    public ApplySummary apply(PlanOutcome plan) {
      return new ApplySummary(List.of());
    }

    @Override
    public StatusModel status(DesiredState desired, CycleObservation<ObservedState> observed) {
      return new StatusModel(
          List.of(
              new StatusModel.VolumeFacts(
                  "pg-data",
                  false,
                  "beta is SyncTarget",
                  10L << 30,
                  (10L << 30) + (4 << 20),
                  List.of(
                      new StatusModel.ReplicaFacts(
                          "alpha",
                          true,
                          "vg0/thin",
                          "/dev/drbd1000",
                          ReplicationState.SYNC_SOURCE,
                          42.5),
                      new StatusModel.ReplicaFacts(
                          "beta",
                          true,
                          "vg0/thin",
                          "/dev/drbd1000",
                          ReplicationState.SYNC_TARGET,
                          42.5),
                      new StatusModel.ReplicaFacts(
                          "gamma",
                          false,
                          null,
                          "/dev/drbd1000",
                          ReplicationState.DISKLESS,
                          null)))),
          List.of(
              new StatusModel.NodeFacts(
                  "alpha",
                  true,
                  "observed",
                  Map.of("vg0/thin", new StatusModel.PoolFacts(80L << 30, 70L << 30)),
                  Map.of("pg-data", "/dev/drbd1000")),
              new StatusModel.NodeFacts("beta", true, "observed", Map.of(), Map.of()),
              new StatusModel.NodeFacts("gamma", false, "ssh: timeout", Map.of(), Map.of())));
    }

    @Override
    public DriftReport drift(DesiredState desired, CycleObservation<ObservedState> observed) {
      return drift;
    }
  }
}
