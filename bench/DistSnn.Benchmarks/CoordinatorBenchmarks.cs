using DistSnn.Core.Trial;
using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Akka.Configuration;
using DistSnn.Core.Data;
using DistSnn.Core.Engine;
using DistSnn.Core.Models;
using DistSnn.Core.Snn;
using DistSnn.Core.Study;
using DistSnn.Runtime;
using DistSnn.Runtime.Actors;
using DistSnn.Runtime.Cluster;
using DistSnn.Runtime.Protocol;
using DistSnn.Runtime.Storage;
using Microsoft.Data.Sqlite;

namespace DistSnn.Benchmarks;

/// <summary>
/// How many trial results the study coordinator absorbs and stores per second when its workers answer at once
/// (the target: at least 20,000/s). A plain timed console mode, not a BenchmarkDotNet class: one measurement is a
/// whole study (an actor system, a coordinator, workers, a results.db), seconds long, and not repeatable in place.
/// Run it with <c>dotnet run -c Release --project bench/DistSnn.Benchmarks -- coordinator [options]</c> (README.md).
/// <para>
/// The study is the built-in demo (<c>builtin:digits-mlp</c>, 12 sweep points) with many trials per point; no trial
/// is ever computed. Fake workers register like <see cref="WorkerActor"/> (RegisterWorker, then on the StudyOffer a
/// WorkRequest of all their credits, without fetching the package) and answer every RunTrial at once with a
/// TrialCompleted and a WorkRequest(1), the two messages a real worker sends per trial. Every result is stored
/// through a real <see cref="ResultStore"/> exactly as <c>distsnn study</c> does (<c>store.Record</c> on each
/// TrialCompleted, on the coordinator's thread). Before the timed runs of a kind, one short study of that kind
/// (600 trials, not reported) warms up the JIT.
/// </para>
/// Parts (<c>--parts</c>), each printed as results/s:
/// <list type="bullet">
/// <item><c>store</c>: <see cref="ResultStore.Record"/> alone in a tight loop (a fresh results.db), then the same rows
/// through a raw SQLite connection of the same kind: per-row commit, per-row with <c>synchronous=OFF</c>, per-row without
/// WAL auto-checkpoints, 100 and 1,000 rows per transaction (<c>record</c>: the first loop only).</item>
/// <item><c>inproc</c>: a <see cref="StudyCoordinatorActor"/> in one local actor system with the fake workers beside it
/// (no remoting), built as <see cref="ActorStudyExecution"/> builds it; with the store, and without it (a no-op result
/// handler) to separate the coordinator's own cost (<c>inproc-store</c>, <c>inproc-nostore</c>: one of the two).</item>
/// <item><c>cluster</c>: <see cref="ActorStudyExecution.Run"/> itself as a cluster coordinator on 127.0.0.1 with
/// <c>workers = 0</c>, the fake workers in separate worker actor systems of this process that join it over remoting
/// (the real wire format); with and without the store (<c>cluster-store</c>, <c>cluster-nostore</c>).</item>
/// <item><c>queue</c> (not by default): the coordinator's <c>_queue.RemoveAt(0)</c> alone, draining a list of the study's size.</item>
/// </list>
/// Each study line gives start-&gt;end (coordinator created, or Run called, until the study returned), first-&gt;last
/// result (the steady state), the time spent inside <c>store.Record</c>, the rest per result (coordinator, messaging,
/// fake workers; on 2 cores also the other threads' work), bytes allocated per result (every thread) and GC counts.
/// </summary>
public static class CoordinatorBenchmarks
{
    private sealed class Options
    {
        public int TrialsPerPoint = 2000;
        public int[] Workers = [1, 4, 16];
        public int Credits = 64;
        public int StoreRecords = 20000;
        public int WorkerNodes = 1;
        public HashSet<string> Parts = ["store", "inproc", "cluster"];
        public string Directory = Path.GetTempPath();
    }

    public static int Run(string[] args)
    {
        // Every figure printed with '.' and ',' as in the README, whatever the machine's culture.
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        Options o;
        try
        {
            o = Parse(args);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IndexOutOfRangeException)
        {
            Console.Error.WriteLine($"coordinator: {e.Message}");
            Console.Error.WriteLine(Usage);
            return 2;
        }

        SnnModel model = BuiltinModels.Load("digits-mlp", "bench");
        Study study = Study.Of(o.TrialsPerPoint, model);
        // A short study of each kind first, not reported: JIT of the actor, remoting and SQLite paths, tiered compilation.
        Study warm = Study.Of(50, model);
        Console.WriteLine(($"// coordinator benchmark: {study.Spec.Points.Count} points x {o.TrialsPerPoint} trials = {study.Trials} trials; " +
            $"{o.Credits} credits per fake worker; results.db under {o.Directory}; {Environment.ProcessorCount} cores, " +
            $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC"));

        // "inproc" and "cluster" run each worker count with the store and without it; "-store" / "-nostore" one of the two.
        bool Part(string name) => o.Parts.Contains(name);
        if (Part("queue")) QueueDrain(study.Trials);
        if (Part("store") || Part("record")) StoreAlone(study.Spec, study.Data.Count, o.StoreRecords, o.Directory, rawToo: Part("store"));
        var (inprocStore, inprocBare) = (Part("inproc") || Part("inproc-store"), Part("inproc") || Part("inproc-nostore"));
        if (inprocStore || inprocBare)
        {
            InProcess(warm, 4, o.Credits, withStore: true, o.Directory, print: false);
            foreach (int w in o.Workers)
            {
                if (inprocStore) InProcess(study, w, o.Credits, withStore: true, o.Directory);
                if (inprocBare) InProcess(study, w, o.Credits, withStore: false, o.Directory);
            }
        }
        var (clusterStore, clusterBare) = (Part("cluster") || Part("cluster-store"), Part("cluster") || Part("cluster-nostore"));
        if (clusterStore || clusterBare)
        {
            OverCluster(warm, 4, o.Credits, o.WorkerNodes, withStore: true, o.Directory, print: false);
            foreach (int w in o.Workers)
            {
                if (clusterStore) OverCluster(study, w, o.Credits, o.WorkerNodes, withStore: true, o.Directory);
                if (clusterBare) OverCluster(study, w, o.Credits, o.WorkerNodes, withStore: false, o.Directory);
            }
        }
        return 0;
    }

    /// <summary>The built-in demo (12 points) with <c>trials</c> per point, and the package joining workers are offered.</summary>
    private sealed record Study(StudySpec Spec, SnnModel Model, Dataset Data, StudyPackage Package)
    {
        public int Trials => Spec.Points.Count * Spec.Trials.Min;

        public static Study Of(int trialsPerPoint, SnnModel model)
        {
            string[] sets = [$"trials={trialsPerPoint}"];
            StudySpec spec = StudySpecReader.ReadDemo(sets);
            Dataset data = DataLoader.Load(spec.Data, null, "bench");
            return new Study(spec, model, data, StudyPackage.Create(StudySpecReader.DemoSpecText, spec.Origin, sets, model, data));
        }
    }

    private const string Usage = """
        usage: coordinator [--trials-per-point N (2000; 12 points)] [--workers 1,4,16] [--credits 64]
                           [--parts store,inproc,cluster (also record, queue, inproc-store, inproc-nostore, cluster-store, cluster-nostore)] [--store-records 20000] [--worker-nodes 1] [--dir DIR (temp)]
        """;

    private static Options Parse(string[] args)
    {
        var o = new Options();
        for (int i = 0; i < args.Length; i++)
        {
            string[] known = ["--trials-per-point", "--workers", "--credits", "--store-records", "--worker-nodes", "--parts", "--dir"];
            if (!known.Contains(args[i])) throw new ArgumentException($"unknown option {args[i]}");
            string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i++])
            {
                case "--trials-per-point": o.TrialsPerPoint = Positive(value); break;
                case "--workers": o.Workers = value.Split(',').Select(Positive).ToArray(); break;
                case "--credits": o.Credits = Positive(value); break;
                case "--store-records": o.StoreRecords = Positive(value); break;
                case "--worker-nodes": o.WorkerNodes = Positive(value); break;
                case "--parts": o.Parts = value.Split(',').ToHashSet(); break;
                case "--dir": o.Directory = value; break;
                default: throw new ArgumentException($"unknown option {args[i - 1]}");
            }
        }
        return o;
    }

    private static int Positive(string text)
    {
        int n = int.Parse(text, CultureInfo.InvariantCulture);
        return n > 0 ? n : throw new ArgumentException($"expected an integer > 0, got {n}");
    }

    /// <summary>Plausible numbers for a trial of the digits test split: most images right, a few ADC clips.</summary>
    private static TrialCompleted FakeResult(int point, int trial, int total)
    {
        uint h = unchecked((uint)(point * 73856093) ^ (uint)(trial * 19349663)) * 2654435761u;
        int wrong = (int)(h % 40u);
        // Two layers with every counter set, as a real trial reports them (what the store writes as JSON).
        var counters = new ChipCounters(2);
        for (int l = 0; l < 2; l++)
            foreach (ChipCounter c in Enum.GetValues<ChipCounter>())
                if (c != ChipCounter.AdcClipped) counters.Add(l, c, (long)(h % 100_000u) * (l + 1) + (int)c);
        // Clipped never above converted: the wire refuses a result that says otherwise.
        counters.Add(0, ChipCounter.AdcConversions, (long)total * 4 * 30);
        counters.Add(0, ChipCounter.AdcClipped, h % 500u);
        return new TrialCompleted(point, trial, total - wrong, total, counters.ToArray());
    }

    // ---------------------------------------------------------------- the coordinator's queue alone

    /// <summary>
    /// What the coordinator's Take costs: its queue is a <c>List&lt;(int Point, int Trial)&gt;</c> holding the whole round,
    /// and each trial handed out is <c>RemoveAt(0)</c>, which moves every later item (O(trials) each, O(trials^2) a study).
    /// Drains a list of the study's size so (<c>--trials-per-point</c> scales it; 400,000 takes about 10 s).
    /// </summary>
    private static void QueueDrain(int trials)
    {
        foreach (int n in new[] { trials })
        {
            var queue = new List<(int, int)>(n);
            for (int i = 0; i < n; i++) queue.Add((i % 12, i / 12));
            long sum = 0;
            var clock = Stopwatch.StartNew();
            while (queue.Count > 0)
            {
                sum += queue[0].Item2;
                queue.RemoveAt(0);
            }
            double seconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"queue   List.RemoveAt(0) draining {n} trials: {seconds:F3} s = {seconds / n * 1e6:F2} us per trial handed out (checksum {sum % 1000})");
        }
    }

    // ---------------------------------------------------------------- store alone

    private static void StoreAlone(StudySpec spec, int total, int count, string parent, bool rawToo)
    {
        using var dir = new TempDirectory(parent);
        var records = new TrialRecord[count];
        for (int i = 0; i < count; i++)
        {
            int point = i % spec.Points.Count, trial = i / spec.Points.Count;
            TrialCompleted r = FakeResult(point, trial, total);
            records[i] = new TrialRecord(point, trial, new TrialResult(r.Correct, r.Total, ChipCounters.FromArray(r.Counters)));
        }

        string storeDir = Path.Combine(dir.Path, "store");
        double seconds;
        using (ResultStore store = ResultStore.Create(storeDir, spec))
        {
            // A few hundred rows first (JIT, SQLite's page cache), on their own keys; then the timed loop.
            foreach (TrialRecord r in records.Take(200)) store.Record(r with { Trial = r.Trial + 1_000_000 });
            var clock = Stopwatch.StartNew();
            foreach (TrialRecord r in records) store.Record(r);
            seconds = clock.Elapsed.TotalSeconds;
        }
        Console.WriteLine($"store   ResultStore.Record, one committed transaction each:     {Rate(count, seconds)}");
        if (!rawToo) return;

        // The same rows, columns and statement through a raw connection of the same kind, to tell the parts of a Record apart.
        Console.WriteLine($"store   raw SQLite, per-row commit (as ResultStore):            {Rate(count, Raw(spec, records, dir.Path, 1, "NORMAL", 1000))}");
        Console.WriteLine($"store   raw SQLite, per-row commit, synchronous=OFF:            {Rate(count, Raw(spec, records, dir.Path, 1, "OFF", 1000))}");
        Console.WriteLine($"store   raw SQLite, per-row commit, no WAL auto-checkpoint:     {Rate(count, Raw(spec, records, dir.Path, 1, "NORMAL", 0))}");
        Console.WriteLine($"store   raw SQLite, 100 rows per transaction:                   {Rate(count, Raw(spec, records, dir.Path, 100, "NORMAL", 1000))}");
        Console.WriteLine($"store   raw SQLite, 1,000 rows per transaction:                 {Rate(count, Raw(spec, records, dir.Path, 1000, "NORMAL", 1000))}");
        var format = Stopwatch.StartNew();
        int length = 0;
        for (int i = 0; i < count; i++) length += DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture).Length;
        Console.WriteLine($"store   (the recorded_utc text alone, DateTime.UtcNow.ToString(\"O\")): {Rate(count, format.Elapsed.TotalSeconds)} [{length / count} chars]");
    }

    private static string Rate(int count, double seconds) =>
        $"{count} records in {seconds:F3} s = {count / seconds,9:N0} records/s ({seconds / count * 1e6:F1} us each)";

    /// <summary>
    /// Inserts <paramref name="records"/> into a fresh results.db (made by <see cref="ResultStore.Create"/>) through a raw
    /// connection opened as the store opens its own (WAL, not pooled), with the store's INSERT statement, committing every
    /// <paramref name="rowsPerTransaction"/> rows (1: autocommit, as <see cref="ResultStore.Record"/>); returns the seconds.
    /// </summary>
    private static double Raw(StudySpec spec, TrialRecord[] records, string parent, int rowsPerTransaction, string synchronous, int autoCheckpoint)
    {
        string dir = Path.Combine(parent, $"raw-{Guid.NewGuid():N}");
        using (ResultStore.Create(dir, spec)) { }
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dir, ResultStore.FileName),
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        connection.Open();
        using (SqliteCommand pragma = connection.CreateCommand())
        {
            pragma.CommandText = $"PRAGMA journal_mode = WAL; PRAGMA synchronous = {synchronous}; PRAGMA wal_autocheckpoint = {autoCheckpoint};";
            pragma.ExecuteNonQuery();
        }
        using SqliteCommand insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO trials (point, trial, coordinates, correct, total, accuracy, counters, recorded_utc)
            VALUES ($point, $trial, $coordinates, $correct, $total, $accuracy, $counters, $recorded_utc)
            ON CONFLICT (point, trial) DO NOTHING
            """;
        string[] names = ["$point", "$trial", "$coordinates", "$correct", "$total", "$accuracy", "$counters", "$recorded_utc"];
        // The counters column as the store writes it, made before the clock starts: this variant times SQLite alone.
        string[] counterTexts = records.Select(r => "{" + string.Join(",", Enum.GetValues<ChipCounter>().Select(c =>
            $"\"{ChipCounters.Name(c)}\":[{string.Join(",", Enumerable.Range(0, r.Result.Counters.Layers).Select(l => r.Result.Counters[l, c]))}]")) + "}").ToArray();
        foreach (string name in names) insert.Parameters.Add(new SqliteParameter { ParameterName = name });
        const string coordinates = """{"crossbar.device.read.sigma":"0.25","crossbar.faults.stuck_off":"0.03"}""";
        var clock = Stopwatch.StartNew();
        for (int start = 0; start < records.Length; start += rowsPerTransaction)
        {
            using SqliteTransaction? transaction = rowsPerTransaction > 1 ? connection.BeginTransaction() : null;
            insert.Transaction = transaction;
            for (int i = start; i < Math.Min(records.Length, start + rowsPerTransaction); i++)
            {
                TrialRecord r = records[i];
                insert.Parameters[0].Value = r.Point;
                insert.Parameters[1].Value = r.Trial;
                insert.Parameters[2].Value = coordinates;
                insert.Parameters[3].Value = r.Result.Correct;
                insert.Parameters[4].Value = r.Result.Total;
                insert.Parameters[5].Value = r.Result.Accuracy;
                insert.Parameters[6].Value = counterTexts[i];
                insert.Parameters[7].Value = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
                insert.ExecuteNonQuery();
            }
            transaction?.Commit();
        }
        return clock.Elapsed.TotalSeconds;
    }

    // ---------------------------------------------------------------- coordinator in one local actor system

    private static void InProcess(Study study, int workers, int credits, bool withStore, string parent, bool print = true)
    {
        var (spec, model, data, package) = study;
        using var dir = new TempDirectory(parent);
        int trials = spec.Points.Count * spec.Trials.Min;
        using ResultStore? store = withStore ? ResultStore.Create(dir.Path, spec) : null;
        var meter = new ResultMeter();
        using ActorSystem system = ActorSystem.Create(ClusterNodeSettings.SystemName, RuntimeConfig.Local(1));
        var finished = new TaskCompletionSource<IReadOnlyList<TrialRecord>>(TaskCreationOptions.RunContinuationsAsynchronously);
        // The handler ActorStudyExecution gives the coordinator raises TrialCompleted, whose handler in StudyCommand is store.Record.
        Action<TrialRecord> onResult = store is null ? meter.Count : record => meter.Timed(() => store.Record(record));

        meter.Start();
        IActorRef coordinator = system.ActorOf(Props.Create(() => new StudyCoordinatorActor(
            spec, model, data, 0, Array.Empty<TrialRecord>(), onResult, finished, package, workers, null)), "study");
        for (int i = 0; i < workers; i++)
        {
            IActorRef c = coordinator;
            system.ActorOf(Props.Create(() => new FakeWorker(c, credits, data.Count)), $"fake-worker-{i}");
        }
        IReadOnlyList<TrialRecord> produced = finished.Task.WaitAsync(TimeSpan.FromMinutes(5)).GetAwaiter().GetResult();
        meter.Stop();
        system.Terminate().Wait(TimeSpan.FromSeconds(10));

        Check(produced.Count == trials && meter.Results == trials, $"inproc: {produced.Count} produced, {meter.Results} reported, {trials} planned");
        if (store is not null) Check(store.Records().Count == trials, "inproc: not every trial is stored");
        if (print) meter.Print($"inproc  {workers,2} worker(s), {(withStore ? "ResultStore.Record" : "no store (no-op)   ")}", trials);
    }

    // ---------------------------------------------------------------- ActorStudyExecution over remoting

    private static void OverCluster(Study study, int workers, int credits, int nodes, bool withStore, string parent, bool print = true)
    {
        var (spec, model, data, package) = study;
        using var dir = new TempDirectory(parent);
        int trials = spec.Points.Count * spec.Trials.Min;
        using ResultStore store = ResultStore.Create(dir.Path, spec);
        int port = FreePort();
        var execution = new ActorStudyExecution(spec, model, data, 0, node: new ClusterNodeSettings(ClusterRole.Coordinator, Port: port),
            package: package, minWorkers: workers);
        var meter = new ResultMeter();
        // As StudyCommand: stored the moment it is reported (timed around the call); or only counted.
        if (withStore) execution.TrialCompleted += record => meter.Timed(() => store.Record(record));
        else execution.TrialCompleted += meter.Count;

        meter.Start();
        Task<IReadOnlyList<TrialRecord>> run = Task.Factory.StartNew(() => execution.Run(), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
        // Off: when the coordinator's system ends, the workers' endpoint writers log the disassociation as an error.
        Config quiet = ConfigurationFactory.ParseString("akka.loglevel = OFF\nakka.stdout-loglevel = OFF");
        nodes = Math.Min(nodes, workers);
        var systems = Enumerable.Range(0, nodes).Select(_ => ActorSystem.Create(ClusterNodeSettings.SystemName,
            quiet.WithFallback(RuntimeConfig.Cluster(new ClusterNodeSettings(ClusterRole.Worker, Seed: $"127.0.0.1:{port}"))))).ToList();
        try
        {
            for (int i = 0; i < workers; i++)
                systems[i % nodes].ActorOf(Props.Create(() => new FakeWorker(null, credits, data.Count)), $"fake-worker-{i}");
            IReadOnlyList<TrialRecord> produced = run.WaitAsync(TimeSpan.FromMinutes(5)).GetAwaiter().GetResult();
            meter.Stop();
            Check(produced.Count == trials && meter.Results == trials, $"cluster: {produced.Count} produced, {meter.Results} reported, {trials} planned");
            if (withStore) Check(store.Records().Count == trials, "cluster: not every trial is stored");
        }
        finally
        {
            foreach (ActorSystem s in systems) s.Terminate().Wait(TimeSpan.FromSeconds(10));
        }
        if (print) meter.Print($"cluster {workers,2} worker(s) on {nodes} node(s), {(withStore ? "ResultStore.Record" : "no store (no-op)   ")}", trials);
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static void Check(bool ok, string what)
    {
        if (!ok) throw new InvalidOperationException(what);
    }

    /// <summary>
    /// A worker that computes nothing: registers, asks for all its credits once offered the study, and answers each
    /// RunTrial at once with a TrialCompleted and a WorkRequest(1), as <see cref="WorkerActor"/> does after a trial.
    /// With no coordinator given it finds it as a real worker does: the cluster member with the coordinator role, /user/study.
    /// </summary>
    private sealed class FakeWorker : ReceiveActor
    {
        private readonly IActorRef? _coordinator;
        private readonly int _credits;

        public FakeWorker(IActorRef? coordinator, int credits, int total)
        {
            _coordinator = coordinator;
            _credits = credits;
            Receive<Akka.Cluster.ClusterEvent.MemberUp>(up =>
            {
                if (up.Member.HasRole("coordinator"))
                    Context.ActorSelection(new RootActorPath(up.Member.Address) / "user" / "study").Tell(new RegisterWorker(RuntimeInfo.ProtocolVersion, credits));
            });
            Receive<Akka.Cluster.ClusterEvent.IMemberEvent>(_ => { });
            Receive<StudyOffer>(_ => Sender.Tell(new WorkRequest(_credits)));
            Receive<RegistrationRefused>(refused => throw new InvalidOperationException($"refused: {refused.Reason}"));
            Receive<RunTrial>(run =>
            {
                Sender.Tell(FakeResult(run.Point, run.Trial, total));
                Sender.Tell(new WorkRequest(1));
            });
        }

        protected override void PreStart()
        {
            if (_coordinator is not null) _coordinator.Tell(new RegisterWorker(RuntimeInfo.ProtocolVersion, _credits));
            else
                Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, Akka.Cluster.ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
                    typeof(Akka.Cluster.ClusterEvent.MemberUp));
        }

        protected override void PostStop()
        {
            if (_coordinator is null) Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
        }
    }

    /// <summary>Times a run: start to end, first result to last, and the time spent inside the store (all on the coordinator's thread).</summary>
    private sealed class ResultMeter
    {
        private long _start, _end, _first, _last, _inStore;
        private int _results;
        private int _gen0, _gen1, _gen2;
        private long _allocated;

        public int Results => Volatile.Read(ref _results);

        public void Start()
        {
            (_gen0, _gen1, _gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            _allocated = GC.GetTotalAllocatedBytes();
            _start = Stopwatch.GetTimestamp();
        }

        public void Stop()
        {
            _end = Stopwatch.GetTimestamp();
            _allocated = GC.GetTotalAllocatedBytes() - _allocated;
            (_gen0, _gen1, _gen2) = (GC.CollectionCount(0) - _gen0, GC.CollectionCount(1) - _gen1, GC.CollectionCount(2) - _gen2);
        }

        public void Count(TrialRecord _)
        {
            long now = Stopwatch.GetTimestamp();
            if (_results == 0) _first = now;
            _last = now;
            _results++;
        }

        public void Timed(Action store)
        {
            long t0 = Stopwatch.GetTimestamp();
            if (_results == 0) _first = t0;
            store();
            long t1 = Stopwatch.GetTimestamp();
            _inStore += t1 - t0;
            _last = t1;
            _results++;
        }

        public void Print(string what, int trials)
        {
            double total = Seconds(_end - _start), steady = Seconds(_last - _first), store = Seconds(_inStore);
            Console.WriteLine((
                $"{what}: {trials} results, start->end {total,6:F3} s = {trials / total,8:N0}/s; first->last result {steady,6:F3} s = {(trials - 1) / steady,8:N0}/s; " +
                $"in store.Record {store:F3} s ({store / steady * 100,3:F0} % of first->last, {store / trials * 1e6:F1} us each); " +
                $"rest {(steady - store) / trials * 1e6:F1} us/result; alloc {_allocated / (double)trials:F0} B/result; GCs {_gen0}/{_gen1}/{_gen2}"));
        }

        private static double Seconds(long ticks) => ticks / (double)Stopwatch.Frequency;
    }

    private sealed class TempDirectory : IDisposable
    {
        public TempDirectory(string parent)
        {
            Path = System.IO.Path.Combine(parent, $"distsnn-coordinator-bench-{Guid.NewGuid():N}");
            System.IO.Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public void Dispose()
        {
            try
            {
                System.IO.Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // A file still held (the store is disposed after this in a using chain): left for the OS's temp cleanup.
            }
        }
    }
}
