using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using DistSnn.Core;

namespace DistSnn.Cli.Dashboard;

/// <summary>
/// <c>--dashboard [PORT]</c> and <c>--dashboard-host H</c> of <c>distsnn study</c>. PORT is optional, so a word after
/// a bare <c>--dashboard</c> that is not a number is left to the command (it is the spec, in
/// <c>study --dashboard spec.yaml</c>) instead of being taken as a bad port.
/// </summary>
internal static class DashboardOptions
{
    public static Option<int?> Port() => new("--dashboard")
    {
        Description = $"Serve a live page of the running study on this port (default {DashboardEndpoint.DefaultPort}; 0: any free port); its URL prints on stderr.",
        Arity = ArgumentArity.ZeroOrOne,
        CustomParser = ParsePort,
    };

    public static Option<string> Host() => new("--dashboard-host")
    {
        Description = $"With --dashboard: the interface the page listens on (default {DashboardEndpoint.DefaultHost}, this machine only).",
        DefaultValueFactory = _ => DashboardEndpoint.DefaultHost,
    };

    /// <summary>Where to serve the page; null without <c>--dashboard</c>.</summary>
    public static DashboardEndpoint? Endpoint(ParseResult parsed, Option<int?> port, Option<string> host)
    {
        if (parsed.GetResult(port) is null)
        {
            if (parsed.GetResult(host) is { Implicit: false })
                throw new InputException("command line", "--dashboard-host", "applies to the live view: add --dashboard");
            return null;
        }
        return DashboardEndpoint.Parse(parsed.GetValue(host)!, parsed.GetValue(port) ?? DashboardEndpoint.DefaultPort);
    }

    private static int? ParsePort(ArgumentResult result)
    {
        if (result.Tokens.Count == 0) return DashboardEndpoint.DefaultPort;
        string token = result.Tokens[0].Value;
        if (int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int port)) return port;
        // Not a number at all: the next argument, not a port.
        result.OnlyTake(0);
        return DashboardEndpoint.DefaultPort;
    }
}
