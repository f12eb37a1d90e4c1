using System.Net;
using System.Net.Sockets;
using DistSnn.Core;

namespace DistSnn.Cli.Dashboard;

/// <summary>
/// Where the live view listens (<c>--dashboard [PORT] --dashboard-host H</c>), checked before the study touches its
/// output directory so that bad input leaves nothing behind.
/// </summary>
internal sealed record DashboardEndpoint(IPAddress Address, int Port)
{
    /// <summary>The port of a bare <c>--dashboard</c> (README.md); 0 asks for any free port.</summary>
    public const int DefaultPort = 8080;

    /// <summary>Loopback unless told: the page shows the study to whoever can reach it.</summary>
    public const string DefaultHost = "127.0.0.1";

    /// <summary>Only a loopback listener can tell which Host headers are its own (see <see cref="AcceptsHost"/>).</summary>
    public bool IsLoopback => IPAddress.IsLoopback(Address);

    public static DashboardEndpoint Parse(string host, int port)
    {
        if (port is < 0 or > 65535)
            throw new InputException("command line", "--dashboard", $"expected a TCP port 0..65535 (0: any free port), got {port}");
        if (host == "localhost") return new DashboardEndpoint(IPAddress.Loopback, port);
        if (IPAddress.TryParse(host, out IPAddress? address)) return new DashboardEndpoint(address, port);
        try
        {
            IPAddress[] found = Dns.GetHostAddresses(host);
            // IPv4 first: the printed URL then reads as people type it.
            IPAddress? first = found.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? found.FirstOrDefault();
            if (first is not null) return new DashboardEndpoint(first, port);
        }
        catch (SocketException)
        {
            // Reported below, as for a name that resolves to nothing.
        }
        throw new InputException("command line", "--dashboard-host", $"expected an IP address or a host name of this machine, got '{host}'");
    }

    /// <summary>
    /// Whether a request's Host header names this loopback listener. A web page elsewhere can point a name of its own
    /// at 127.0.0.1 (DNS rebinding) and then read the study through the victim's browser; such requests carry that
    /// name, so a loopback listener answers only to loopback names. A listener on another address accepts any name.
    /// </summary>
    public bool AcceptsHost(string? hostHeader)
    {
        if (!IsLoopback) return true;
        if (string.IsNullOrEmpty(hostHeader)) return false;
        string name = hostHeader;
        if (name.StartsWith('['))
        {
            int close = name.IndexOf(']');
            name = close < 0 ? name : name[1..close];
        }
        else if (name.LastIndexOf(':') is int colon and > 0)
            name = name[..colon];
        return name == "localhost" || (IPAddress.TryParse(name, out IPAddress? ip) && IPAddress.IsLoopback(ip));
    }
}
