namespace DistSnn.Runtime.Cluster;

/// <summary>Which part a process plays in a study cluster.</summary>
public enum ClusterRole
{
    /// <summary>The study process: cluster seed and coordinator.</summary>
    Coordinator,
    /// <summary>A process that joins and runs trials.</summary>
    Worker,
}

/// <summary>
/// Where a cluster node listens and whom it joins. Defaults keep remoting on loopback: a node is reachable
/// from other machines only when <see cref="Host"/> says so.
/// </summary>
/// <param name="Role">Coordinator or worker.</param>
/// <param name="Host">Interface to bind (127.0.0.1 by default; 0.0.0.0 in a container, with <see cref="PublicHost"/>).</param>
/// <param name="Port">TCP port; 0 picks a free one (tests, workers).</param>
/// <param name="PublicHost">Name or address other nodes use to reach this one; null = <see cref="AdvertisedHost"/>'s default.</param>
/// <param name="Seed">The coordinator's "host:port" that a worker joins; null for the coordinator (it is its own seed).</param>
/// <param name="ComputeThreads">Threads of the compute dispatcher.</param>
public sealed record ClusterNodeSettings(
    ClusterRole Role,
    string Host = "127.0.0.1",
    int Port = 0,
    string? PublicHost = null,
    string? Seed = null,
    int ComputeThreads = 1)
{
    /// <summary>Every process of one study cluster uses this actor-system name.</summary>
    public const string SystemName = "distsnn";

    public string RoleName => Role == ClusterRole.Coordinator ? "coordinator" : "worker";

    /// <summary>
    /// What other nodes dial: <see cref="PublicHost"/> when given; else <see cref="Host"/>, except that a wildcard
    /// bind (0.0.0.0, ::), which nobody can dial, advertises this machine's host name (a container's name on
    /// its Compose network).
    /// </summary>
    public string AdvertisedHost => PublicHost ?? (Host is "0.0.0.0" or "::" or "[::]" ? System.Net.Dns.GetHostName() : Host);
}
