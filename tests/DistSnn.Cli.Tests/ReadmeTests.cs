using DistSnn.Core.Study;

namespace DistSnn.Cli.Tests;

/// <summary>The README documents what the program reads: every spec key and every command option.</summary>
public class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));

    [Fact]
    public void Every_spec_key_is_in_the_spec_table()
    {
        // Rows name a key in full (`crossbar.dac.bits`), list siblings after the first (`neuron.beta` / `threshold`),
        // name a section by its first key (`crossbar.tile.rows` for crossbar.tile) or spell a value's parts (`{ min, max }`).
        static bool Documented(string key)
        {
            string last = key.Split('.')[^1];
            return Readme.Contains($"`{key}`", StringComparison.Ordinal) || Readme.Contains($"/ `{last}`", StringComparison.Ordinal)
                || Readme.Contains($"`{key}.", StringComparison.Ordinal)
                || System.Text.RegularExpressions.Regex.IsMatch(Readme, $@"`\{{[^`]*\b{last}\b[^`]*\}}`");
        }
        var missing = StudySpecReader.KnownKeys.Where(key => !Documented(key)).ToList();
        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("study")]
    [InlineData("worker")]
    [InlineData("validate")]
    [InlineData("train")]
    [InlineData("criticality")]
    [InlineData("chip")]
    public void Every_option_of_a_command_is_in_the_readme(string command)
    {
        var help = CliRun.Of(command, "--help");
        var options = System.Text.RegularExpressions.Regex.Matches(help.Stdout, @"(?<=\s)--[a-z][a-z-]+").Select(m => m.Value)
            .Where(o => o is not "--help" and not "--version").Distinct();
        Assert.All(options, option => Assert.Contains(option, Readme));
    }
}
