using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using DistSnn.Core;

namespace DistSnn.Cli.Dashboard;

/// <summary>
/// <c>--dashboard [PORT]</c> and <c>--dashboard-host H</c> of <c>distsnn study</c>. PORT is optional, and the parser
/// gives the word after an option to that option, so <c>study --dashboard spec.yaml</c> would read the spec as a port:
/// the error says to put the spec first.
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
        result.AddError($"--dashboard: expected a TCP port, got '{token}' (a spec goes before --dashboard: study SPEC --dashboard [PORT])");
        return null;
    }
}
