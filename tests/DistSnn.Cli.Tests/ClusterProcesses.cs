using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DistSnn.Cli.Tests;

/// <summary>
/// The distsnn processes of one cluster test: each started with its own package cache, its output kept for
/// assertions, and every one killed (with its children) when the test ends, whatever happened.
/// </summary>
public sealed class ClusterProcesses : IDisposable
{
    private readonly List<Process> _processes = new();
    private readonly Dictionary<Process, ConcurrentQueue<string>> _output = new();

    /// <summary>Test-speed failure detection: a silent worker is downed a few seconds after it stops answering.</summary>
    public const string FastDowning = """
        akka.cluster.split-brain-resolver.stable-after = 3s
        akka.cluster.failure-detector.acceptable-heartbeat-pause = 2s
        """;

    /// <summary>
    /// The study of the cluster tests: real digits, every kind of non-ideality, two sweep points, 6 trials each;
    /// tests make it longer (more trials, more samples) where they need time to act mid-study.
    /// </summary>
    public const string Study = """
        name: cluster
        seed: 5
        model: builtin:digits-mlp
        data: { source: digits, limit: 100 }
        timesteps: 8
        crossbar:
          tile: { rows: 32, cols: 32 }
          device: { programming: { sigma: 0.1 }, read: { sigma: 0.2 } }
          faults: { stuck_off: 0.02 }
          adc: { bits: 6 }
        sweep:
          - { key: crossbar.device.read.sigma, values: [0.0, 0.3] }
        trials: 6
        """;

    /// <summary>A study over in a few seconds: for tests about who may join, not about what happens mid-study.</summary>
    public const string ShortStudy = """
        name: short
        seed: 11
        model: builtin:digits-mlp
        data: { source: digits, limit: 40 }
        timesteps: 6
        crossbar:
          tile: { rows: 32, cols: 32 }
          device: { read: { sigma: 0.2 } }
        sweep:
          - { key: crossbar.device.read.sigma, values: [0.0, 0.3] }
        trials: 2
        """;

    /// <summary><see cref="Study"/> with 20 trials on 150 samples: long enough to kill or cut a node mid-study.</summary>
    public static string LongStudy => Study.Replace("trials: 6", "trials: 20").Replace("limit: 100", "limit: 150");

    /// <summary>Runs <paramref name="spec"/> in this process into <paramref name="outDir"/>: the trials.csv a cluster must reproduce.</summary>
    public static byte[] SingleProcessTrials(string spec, string outDir)
    {
        Assert.Equal(0, CliRun.Of("study", spec, "--out", outDir, "--quiet").ExitCode);
        return File.ReadAllBytes(Path.Combine(outDir, "trials.csv"));
    }

    /// <summary>A TCP port nobody listens on right now (on loopback unless told).</summary>
    public static int FreePort(IPAddress? address = null)
    {
        var listener = new TcpListener(address ?? IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>
    /// Waits until something accepts TCP connections on loopback <paramref name="port"/> (a coordinator that is up),
    /// or the time is up. A node that joins earlier is refused a connection, and remoting then holds the address
    /// shut for seconds before trying again.
    /// </summary>
    public static bool WaitUntilListening(int port, TimeSpan timeout, IPAddress? address = null)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(address ?? IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }
        return false;
    }

    /// <summary>Starts <c>distsnn ARGS</c> with <paramref name="cache"/> as its XDG cache (its own package cache).</summary>
    public Process Start(string cache, params string[] args) => Start(DistsnnProcess.StartInfo(args), cache);

    /// <summary><c>distsnn study SPEC --out OUT --quiet --port PORT EXTRA...</c>: a coordinator on loopback.</summary>
    public Process StartCoordinator(string cache, string spec, string outDir, int port, params string[] extra) =>
        Start(cache, ["study", spec, "--out", outDir, "--quiet", "--port", port.ToString(), .. extra]);

    /// <summary><c>distsnn worker --join 127.0.0.1:PORT --threads 1 EXTRA...</c>.</summary>
    public Process StartWorker(string cache, int port, params string[] extra) =>
        Start(cache, ["worker", "--join", $"127.0.0.1:{port}", "--threads", "1", .. extra]);

    /// <summary><c>distsnn worker --join 127.0.0.1:PORT --threads 1 EXTRA...</c> with these environment variables set.</summary>
    public Process StartWorker(string cache, int port, IReadOnlyDictionary<string, string> environment, params string[] extra)
    {
        ProcessStartInfo start = DistsnnProcess.StartInfo(["worker", "--join", $"127.0.0.1:{port}", "--threads", "1", .. extra]);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return Start(start, cache);
    }

    /// <summary>A worker's log file (Akka's lines) with <paramref name="cache"/> as its XDG cache: the documented default place.</summary>
    public static string WorkerLog(string cache) => Path.Combine(cache, "distsnn", "worker.log");

    /// <summary>A study's log file (Akka's lines) in its output directory.</summary>
    public static string StudyLog(string outDir) => Path.Combine(outDir, "distsnn.log");

    /// <summary>What a log file holds so far ("" while it does not exist), read beside the process that appends to it.</summary>
    public static string ReadLog(string path)
    {
        if (!File.Exists(path)) return "";
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(stream).ReadToEnd();
    }

    /// <summary>Starts a prepared command line (e.g. wrapped in <c>ip netns exec</c>) with its own package cache.</summary>
    public Process Start(ProcessStartInfo start, string cache)
    {
        start.Environment["XDG_CACHE_HOME"] = cache;
        var lines = new ConcurrentQueue<string>();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        lock (_processes)
        {
            _processes.Add(process);
            _output[process] = lines;
        }
        return process;
    }

    /// <summary>What the process printed so far (stdout and stderr, interleaved as they came).</summary>
    public string Output(Process process)
    {
        lock (_processes) return string.Join('\n', _output[process]);
    }

    /// <summary>Waits until the process printed a line containing <paramref name="text"/>, or the time is up.</summary>
    public bool WaitForOutput(Process process, string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (Output(process).Contains(text, StringComparison.Ordinal)) return true;
            Thread.Sleep(50);
        }
        return false;
    }

    public void Dispose()
    {
        foreach (Process p in _processes)
        {
            try
            {
                if (!p.HasExited) p.Kill(entireProcessTree: true);
                p.WaitForExit(10_000);
            }
            catch (InvalidOperationException) { }
            p.Dispose();
        }
    }
}
