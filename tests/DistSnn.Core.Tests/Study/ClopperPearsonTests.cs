using DistSnn.Core.Study;

namespace DistSnn.Core.Tests.Study;

/// <summary>The exact binomial interval against its closed forms and against binomial tail sums computed here.</summary>
public class ClopperPearsonTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(2000)]
    public void No_success_and_all_successes_give_the_closed_forms(int n)
    {
        // k = 0: P(X = 0 | p) = (1 - p)^n = 0.025 at the upper bound; k = n: p^n = 0.025 at the lower bound.
        var (low0, high0) = ClopperPearson.Interval(0, n);
        Assert.Equal(0.0, low0);
        Assert.Equal(1 - Math.Pow(0.025, 1.0 / n), high0, 1e-12);
        var (lowN, highN) = ClopperPearson.Interval(n, n);
        Assert.Equal(Math.Pow(0.025, 1.0 / n), lowN, 1e-12);
        Assert.Equal(1.0, highN);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(10)]
    [InlineData(500)]
    public void One_success_and_one_failure_give_the_closed_forms(int n)
    {
        // k = 1: P(X >= 1 | p) = 1 - (1 - p)^n = 0.025 at the lower bound; k = n - 1: P(X <= n - 1 | p) = 1 - p^n = 0.025 at the upper.
        Assert.Equal(1 - Math.Pow(0.975, 1.0 / n), ClopperPearson.Interval(1, n).Low, 1e-12);
        Assert.Equal(Math.Pow(0.975, 1.0 / n), ClopperPearson.Interval(n - 1, n).High, 1e-12);
    }

    [Theory]
    [InlineData(5, 10)]
    [InlineData(18, 20)]
    [InlineData(3, 40)]
    [InlineData(97, 100)]
    public void Each_bound_leaves_two_and_a_half_percent_in_its_binomial_tail(int k, int n)
    {
        var (low, high) = ClopperPearson.Interval(k, n);

        // Summed here from the binomial probabilities, not through the incomplete beta function the interval uses.
        Assert.Equal(0.025, Tail(n, low, from: k, to: n), 1e-9);
        Assert.Equal(0.025, Tail(n, high, from: 0, to: k), 1e-9);
        Assert.True(low < (double)k / n && (double)k / n < high);
    }

    [Fact]
    public void The_textbook_example_of_five_in_ten()
    {
        var (low, high) = ClopperPearson.Interval(5, 10);

        Assert.Equal(0.187086, low, 1e-6);
        Assert.Equal(0.812914, high, 1e-6);
    }

    [Fact]
    public void A_yield_counts_the_chips_that_reach_the_threshold()
    {
        YieldEstimate y = YieldEstimate.Of(0.85, [0.90, 0.85, 0.80, 0.86]);

        Assert.Equal(4, y.Chips);
        Assert.Equal(3, y.Passing);
        Assert.Equal(0.75, y.Fraction);
        Assert.Equal(ClopperPearson.Interval(3, 4), (y.Ci95Low, y.Ci95High));
        Assert.True(double.IsNaN(YieldEstimate.Of(0.5, []).Fraction));
    }

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(11, 10)]
    [InlineData(0, 0)]
    public void Impossible_counts_are_refused(int k, int n) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ClopperPearson.Interval(k, n));

    /// <summary>P(from &lt;= X &lt;= to) for X ~ Binomial(n, p), by the pmf in logs.</summary>
    private static double Tail(int n, double p, int from, int to)
    {
        double sum = 0;
        for (int j = from; j <= to; j++)
            sum += Math.Exp(LogChoose(n, j) + j * Math.Log(p) + (n - j) * Math.Log(1 - p));
        return sum;
    }

    private static double LogChoose(int n, int k)
    {
        double s = 0;
        for (int i = 1; i <= k; i++) s += Math.Log(n - k + i) - Math.Log(i);
        return s;
    }
}
