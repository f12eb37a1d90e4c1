using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace DistSnn.Cli.Tests;

/// <summary>
/// A real network partition: the study's only worker runs in a network namespace whose link to the coordinator is
/// cut for longer than the downing timeout and then healed. Needs Linux, root and <c>ip netns</c>; skipped elsewhere.
/// </summary>
public class PartitionTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ClusterProcesses _cluster = new();
    private readonly ITestOutputHelper _output;
    private IsolatedNetwork? _network;

    public PartitionTests(ITestOutputHelper output) => _output = output;

    public void Dispose()
    {
        // Processes first: a namespace with a process in it outlives its deletion.
        try
        {
            _cluster.Dispose();
        }
        finally
        {
            _network?.Dispose();
            _dir.Dispose();
        }
    }

    private const string Spec = ClusterProcesses.Study;

    /// <summary>
    /// The worker is the study's only one, so the study cannot finish unless the healed worker comes back and runs
    /// the trial it held when it was cut off (a surviving worker would finish the study without the heal mattering;
    /// that re-queueing is what ClusterTests' killed worker covers).
    /// </summary>
    [NetworkNamespaceFact]
    public void A_worker_cut_off_past_the_downing_timeout_comes_back_after_the_heal_and_the_study_completes()
    {
        string spec = _dir.File("cluster.yaml", ClusterProcesses.LongStudy);
        string config = _dir.File("fast.hocon", ClusterProcesses.FastDowning);
        byte[] expected = ClusterProcesses.SingleProcessTrials(spec, _dir.Combine("single"));
        string distributed = _dir.Combine("distributed");

        _network = IsolatedNetwork.Create();
        string coordinatorHost = _network.RootAddress.ToString(), workerHost = _network.InnerAddress.ToString();
        int port = ClusterProcesses.FreePort(_network.RootAddress);
        Process coordinator = _cluster.Start(_dir.Combine("cache-c"), "study", spec, "--out", distributed, "--quiet",
            "--host", coordinatorHost, "--port", port.ToString(), "--local-workers", "0", "--min-workers", "1", "--config", config);
        // A worker that finds no coordinator yet retries its join only every several seconds: start it once the coordinator listens.
        var clock = Stopwatch.StartNew();
        Assert.True(ClusterProcesses.WaitUntilListening(port, TimeSpan.FromSeconds(60), _network.RootAddress), "the coordinator did not listen:\n" + _cluster.Output(coordinator));
        Process worker = _cluster.Start(_network.Inside(DistsnnProcess.StartInfo("worker", "--join", $"{coordinatorHost}:{port}",
            "--host", workerHost, "--threads", "1", "--config", config)), _dir.Combine("cache-w"));

        string db = Path.Combine(distributed, "results.db");
        _output.WriteLine($"network {_network.Name}: coordinator {coordinatorHost}:{port}, worker {workerHost}");
        while (ResumeTests.StoredTrials(db) < 3 && !coordinator.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60)) Thread.Sleep(50);
        Assert.False(coordinator.HasExited, "the study ended before the worker could be cut off:\n" + _cluster.Output(coordinator));
        Assert.True(ResumeTests.StoredTrials(db) >= 3, "the worker stored no trials in 60 s:\n" + _cluster.Output(worker));
        // `ip netns exec` execs the worker, so the process the test kills at the end is the worker itself.
        Assert.Equal("dotnet", worker.ProcessName);

        _output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: {ResumeTests.StoredTrials(db)} trials stored; cut");
        _network.Cut();
        // Cut until both sides have acted on it: the coordinator downed the worker and re-queued its trial, and the
        // worker, alone on its side, downed itself (so what it sends after the heal comes from a fresh actor system).
        // The terminal said once that the worker stopped answering; its removal is in the study's log file.
        var gone = new Regex($@"worker {Regex.Escape(workerHost)}:\d+ is gone; its \d+ unfinished trial\(s\) go to others");
        string log = ClusterProcesses.StudyLog(distributed);
        var cut = Stopwatch.StartNew();
        while (!gone.IsMatch(ClusterProcesses.ReadLog(log)) && cut.Elapsed < TimeSpan.FromSeconds(30)) Thread.Sleep(50);
        Assert.True(gone.IsMatch(ClusterProcesses.ReadLog(log)), "the coordinator did not down the cut-off worker in 30 s:\n" + _cluster.Output(coordinator));
        Assert.True(_cluster.WaitForOutput(worker, "joining again", TimeSpan.FromSeconds(15)),
            "the cut-off worker did not down itself:\n" + _cluster.Output(worker));
        Assert.False(coordinator.HasExited, "the study ended while its only worker was cut off");
        TimeSpan cutFor = cut.Elapsed;
        _network.Heal();
        _output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: healed after {cutFor.TotalSeconds:F1} s cut, {ResumeTests.StoredTrials(db)} trials stored");

        Assert.True(coordinator.WaitForExit(60_000), $"the study did not finish within 60 s of the heal (cut for {cutFor.TotalSeconds:F1} s):\n"
            + _cluster.Output(coordinator) + "\n--- worker:\n" + _cluster.Output(worker));
        _output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: study finished");
        Assert.Equal(0, coordinator.ExitCode);
        Assert.Equal(expected, File.ReadAllBytes(Path.Combine(distributed, "trials.csv")));
    }
}

/// <summary>
/// A <see cref="FactAttribute"/> that skips (visibly) where network namespaces cannot be made: not Linux, not
/// root, no <c>ip</c>, or a kernel or container that refuses. Probed once per process by making one, with a veth pair.
/// </summary>
public sealed class NetworkNamespaceFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Unavailable = new(IsolatedNetwork.WhyUnavailable);

    public NetworkNamespaceFactAttribute()
    {
        if (Unavailable.Value is { } why) Skip = $"needs network namespaces (Linux, root, `ip netns`): {why}";
    }
}

/// <summary>
/// A network namespace joined to the root namespace by a veth pair on a /30 of its own: processes started
/// <see cref="Inside"/> it reach the root side only through that link, which <see cref="Cut"/> takes down.
/// </summary>
public sealed class IsolatedNetwork : IDisposable
{
    private readonly string _rootLink;

    private IsolatedNetwork(string name, IPAddress rootAddress)
    {
        Name = name;
        _rootLink = name + "-r"; // at most 15 characters, the kernel's limit for an interface name
        RootAddress = rootAddress;
        byte[] inner = rootAddress.GetAddressBytes();
        inner[3]++;
        InnerAddress = new IPAddress(inner);
    }

    public string Name { get; }

    /// <summary>The root side's address (bind the coordinator here).</summary>
    public IPAddress RootAddress { get; }

    /// <summary>The address inside the namespace.</summary>
    public IPAddress InnerAddress { get; }

    /// <summary>A fresh namespace and link; a random name and a random /30 of 10.231.0.0/16 keep concurrent runs apart.</summary>
    public static IsolatedNetwork Create()
    {
        string name = "dsnn-" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..3]);
        int block = Random.Shared.Next(1 << 14) * 4;
        var rootAddress = new IPAddress([10, 231, (byte)(block >> 8), (byte)(block + 1)]);
        var network = new IsolatedNetwork(name, rootAddress);
        try
        {
            string inner = name + "-n";
            Ip("netns", "add", name);
            Ip("link", "add", "name", network._rootLink, "type", "veth", "peer", "name", inner);
            Ip("link", "set", inner, "netns", name);
            Ip("addr", "add", $"{network.RootAddress}/30", "dev", network._rootLink);
            Ip("link", "set", network._rootLink, "up");
            Ip("-n", name, "addr", "add", $"{network.InnerAddress}/30", "dev", inner);
            Ip("-n", name, "link", "set", inner, "up");
            Ip("-n", name, "link", "set", "lo", "up");
        }
        catch
        {
            network.Dispose();
            throw;
        }
        return network;
    }

    /// <summary>The same command line, run inside the namespace (<c>ip netns exec</c> execs it: the process id stays the command's).</summary>
    public ProcessStartInfo Inside(ProcessStartInfo start)
    {
        var wrapped = new ProcessStartInfo("ip")
        {
            RedirectStandardOutput = start.RedirectStandardOutput,
            RedirectStandardError = start.RedirectStandardError,
            WorkingDirectory = start.WorkingDirectory,
        };
        foreach (string argument in (string[])["netns", "exec", Name, start.FileName, .. start.ArgumentList]) wrapped.ArgumentList.Add(argument);
        foreach (var (key, value) in start.Environment) wrapped.Environment[key] = value;
        return wrapped;
    }

    /// <summary>Partition: the link goes down, so nothing passes either way (the processes on both sides stay up).</summary>
    public void Cut() => Ip("link", "set", _rootLink, "down");

    /// <summary>Heal: the link comes back up, with its addresses and route.</summary>
    public void Heal() => Ip("link", "set", _rootLink, "up");

    /// <summary>Removes the link (both ends) and the namespace; whatever of them exists, errors ignored.</summary>
    public void Dispose()
    {
        TryIp("link", "del", _rootLink);
        TryIp("netns", "del", Name);
    }

    /// <summary>Null where a namespace with a veth pair can be made here, else why not.</summary>
    internal static string? WhyUnavailable()
    {
        if (!OperatingSystem.IsLinux()) return "not Linux";
        if (!Environment.IsPrivilegedProcess) return "not root";
        string probe = "dsnn-probe-" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..2]);
        try
        {
            // The pair is made inside the probe namespace, so its names cannot clash and it goes with the namespace.
            foreach (string[] command in (string[][])[["netns", "add", probe], ["-n", probe, "link", "add", "name", "probe0", "type", "veth", "peer", "name", "probe1"]])
            {
                var (code, output) = TryIp(command);
                if (code != 0) return $"`ip {string.Join(' ', command)}` failed ({code}): {output.Trim()}";
            }
            return null;
        }
        catch (Win32Exception e)
        {
            return $"cannot run `ip`: {e.Message}";
        }
        finally
        {
            try { TryIp("netns", "del", probe); } catch (Win32Exception) { }
        }
    }

    private static void Ip(params string[] args)
    {
        var (code, output) = TryIp(args);
        if (code != 0) throw new InvalidOperationException($"`ip {string.Join(' ', args)}` failed ({code}): {output.Trim()}");
    }

    private static (int Code, string Output) TryIp(params string[] args)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(), stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(10_000))
        {
            process.Kill();
            return (-1, "timed out");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
