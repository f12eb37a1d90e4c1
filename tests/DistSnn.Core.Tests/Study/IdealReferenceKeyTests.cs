using DistSnn.Core.Study;
using static DistSnn.Core.Tests.Study.SpecText;

namespace DistSnn.Core.Tests.Study;

/// <summary><c>report.ideal_reference</c>: on unless the spec says, and never part of the spec hash.</summary>
public class IdealReferenceKeyTests
{
    [Fact]
    public void It_is_on_by_default_and_the_spec_can_turn_it_off()
    {
        Assert.True(Read("model: m\n").IdealReference);
        Assert.False(Read("model: m\nreport: { ideal_reference: false }\n").IdealReference);
        Assert.False(Read("model: m\n", "report.ideal_reference=false").IdealReference);
        Assert.True(Read("model: m\nreport:\n  ideal_reference: true\n").IdealReference);
    }

    [Fact]
    public void It_leaves_the_spec_hash_as_it_was_before_the_key_existed()
    {
        string without = Read("model: m\n").CanonicalText;

        Assert.DoesNotContain("report", without);
        Assert.Equal(without, Read("model: m\nreport: { ideal_reference: true }\n").CanonicalText);
        Assert.Equal(without, Read("model: m\nreport: { ideal_reference: false }\n").CanonicalText);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    [InlineData("True")]
    public void Only_true_or_false_is_accepted(string value)
    {
        InputException e = Fails($"model: m\nreport: {{ ideal_reference: {value} }}\n");

        Assert.Contains("report.ideal_reference", e.Message);
        Assert.Contains("true or false", e.Message);
    }

    [Fact]
    public void A_misspelt_report_key_is_refused_with_the_right_one_suggested()
    {
        InputException e = Fails("model: m\nreport: { ideal_refrence: false }\n");

        Assert.Contains("ideal_reference", e.Message);
    }
}
