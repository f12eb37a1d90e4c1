using DistSnn.Runtime.Reports;

namespace DistSnn.Runtime.Tests.Reports;

public class BuildVersionTests
{
    [Theory]
    [InlineData("1.0.0+ede1447c22733ca74dd026558ade8c8b3d2fb555", "1.0.0", "ede1447c2273")]
    [InlineData("1.2.3-beta+abc", "1.2.3-beta", "abc")]
    [InlineData("1.0.0", "1.0.0", "unknown")]
    [InlineData(null, "unknown", "unknown")]
    public void The_commit_comes_from_the_informational_version_or_is_unknown(string? informational, string version, string commit) =>
        Assert.Equal(new BuildVersion(version, commit), BuildVersion.Parse(informational));

    [Fact]
    public void This_build_has_a_version() =>
        Assert.NotEqual("unknown", BuildVersion.Current.Version);

    [Fact]
    public void The_cpu_is_the_first_model_name_of_cpuinfo()
    {
        Assert.Equal("AMD EPYC 7B13", MachineDescription.CpuModel(["processor\t: 0", "model name\t: AMD EPYC 7B13", "model name\t: other"]));
        Assert.Null(MachineDescription.CpuModel(["processor\t: 0", "BogoMIPS\t: 50.00"]));
        Assert.Equal("4 cores, Some CPU, Linux 6.1, .NET 10.0.1", MachineDescription.Describe(4, "Some CPU", "Linux 6.1", "10.0.1"));
        Assert.Contains(" cores, ", MachineDescription.Current());
    }
}
