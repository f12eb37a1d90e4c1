using Akka.Configuration;
using DistSnn.Core;

namespace DistSnn.Cli;

/// <summary>Reads a <c>--config FILE</c> (HOCON, see cluster-config/): its values override the program's cluster settings.</summary>
public static class ClusterConfigFile
{
    public static Config? Read(string? path)
    {
        if (path is null) return null;
        if (!File.Exists(path)) throw new InputException(path, "", "file not found (--config)");
        try
        {
            return ConfigurationFactory.ParseString(File.ReadAllText(path));
        }
        catch (Exception e) when (e is ConfigurationException or FormatException or InvalidOperationException or ArgumentException)
        {
            throw new InputException(path, "", $"expected HOCON: {e.Message.ReplaceLineEndings(" ")}");
        }
    }
}
