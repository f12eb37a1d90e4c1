using DistSnn.Core.Study;

namespace DistSnn.Core.Tests.Study;

public class StudentTTests
{
    [Theory]
    [InlineData(1, 12.706204736)]
    [InlineData(2, 4.302652730)]
    [InlineData(9, 2.262157163)]
    [InlineData(19, 2.093024054)]
    [InlineData(30, 2.042272456)]
    [InlineData(1000, 1.962339081)]
    public void Quantile_0_975_matches_tables(int df, double expected)
    {
        Assert.Equal(expected, StudentT.Quantile(0.975, df), 8);
    }

    [Fact]
    public void Summary_of_known_values()
    {
        var s = PointSummary.Of(0, [], [0.8, 0.9, 1.0]);
        Assert.Equal(0.9, s.Mean, 12);
        Assert.Equal(0.1, s.Std, 12);
        Assert.Equal(0.1 / Math.Sqrt(3), s.StandardError, 12);
        Assert.Equal(0.9 - 4.302652730 * 0.1 / Math.Sqrt(3), s.Ci95Low, 8);
        Assert.Equal(0.8, s.Min);
        Assert.Equal(1.0, s.Max);
        Assert.True(double.IsNaN(PointSummary.Of(0, [], [0.5]).Std));
    }
}
