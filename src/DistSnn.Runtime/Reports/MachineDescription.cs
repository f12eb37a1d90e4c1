using System.Runtime.InteropServices;

namespace DistSnn.Runtime.Reports;

/// <summary>The machine a study ran on, as a report names it: cores, CPU model, operating system and .NET.</summary>
public static class MachineDescription
{
    private const string CpuInfo = "/proc/cpuinfo";

    public static string Current() =>
        Describe(Environment.ProcessorCount, Cpu(), RuntimeInformation.OSDescription, Environment.Version.ToString());

    /// <summary>This machine's CPU model (<c>/proc/cpuinfo</c>); null where it cannot be read or names none.</summary>
    public static string? Cpu()
    {
        try
        {
            return File.Exists(CpuInfo) ? CpuModel(File.ReadLines(CpuInfo)) : null;
        }
        catch (IOException)
        {
            // Unreadable on this system: the report says "unknown CPU" rather than fail a finished study.
            return null;
        }
    }

    internal static string Describe(int cores, string? cpu, string os, string dotnet) =>
        $"{cores} cores, {cpu ?? $"unknown CPU ({RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()})"}, {os}, .NET {dotnet}";

    /// <summary>The first <c>model name</c> line of <c>/proc/cpuinfo</c>; null when there is none (as on some ARM kernels).</summary>
    internal static string? CpuModel(IEnumerable<string> cpuinfo) =>
        cpuinfo.FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2) is [_, var name] && name.Trim().Length > 0
            ? name.Trim()
            : null;
}
