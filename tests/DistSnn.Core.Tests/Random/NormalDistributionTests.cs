using DistSnn.Core.Random;
using Xunit.Abstractions;

namespace DistSnn.Core.Tests.Random;

/// <summary>10^7 standard normals of one stream, drawn and sorted once for all the normal-distribution tests.</summary>
public sealed class NormalSample
{
    public const int Count = 10_000_000;

    public NormalSample()
    {
        Sorted = new float[Count];
        DrawKey.Read(20240611, 2, RandomScope.ReadColumn, 3, 17, 5, 1).Stream().FillNormal(Sorted);
        double sum = 0, sumSquares = 0;
        foreach (float z in Sorted) sum += z;
        Mean = sum / Count;
        foreach (float z in Sorted) sumSquares += (z - Mean) * (z - Mean);
        Variance = sumSquares / (Count - 1);
        Array.Sort(Sorted);
    }

    public float[] Sorted { get; }
    public double Mean { get; }
    public double Variance { get; }
}

public class NormalDistributionTests(NormalSample sample, ITestOutputHelper output) : IClassFixture<NormalSample>
{
    private const int N = NormalSample.Count;

    [Fact]
    public void Kolmogorov_Smirnov_accepts_the_standard_normal()
    {
        double d = KolmogorovSmirnov.Statistic(sample.Sorted, NormalCdf.Cdf);
        // Asymptotic critical value at alpha = 0.001: K = 1.95 (sqrt(-ln(alpha / 2) / 2) = 1.949), D_crit = 1.95 / sqrt(n).
        double critical = 1.95 / Math.Sqrt(N);
        output.WriteLine($"KS D = {d:E3} over {N} normals, critical {critical:E3} (alpha 0.001); sqrt(n) D = {d * Math.Sqrt(N):F3}");
        Assert.InRange(d, 0, critical);
    }

    [Fact]
    public void Mean_and_variance_are_zero_and_one()
    {
        output.WriteLine($"mean {sample.Mean:E3}, variance {sample.Variance:F6}");
        // Five standard errors: SE(mean) = 1 / sqrt(n), SE(variance) = sqrt(2 / n).
        Assert.InRange(sample.Mean, -5 / Math.Sqrt(N), 5 / Math.Sqrt(N));
        Assert.InRange(sample.Variance, 1 - 5 * Math.Sqrt(2.0 / N), 1 + 5 * Math.Sqrt(2.0 / N));
    }

    [Fact]
    public void Tail_frequencies_match_the_exact_normal_tails()
    {
        float[] z = sample.Sorted;
        for (int k = 1; k <= 6; k++)
        {
            long count = CountBeyond(z, -k) + CountBeyond(z, k, upper: true);
            double p = NormalCdf.TwoSidedTail(k), expected = N * p;
            output.WriteLine($"P(|z| > {k}): {count} of {N}, expected {expected:F2}");
            if (k <= 4)
            {
                // Binomial(n, p) within 5 standard deviations (expected counts 3.2e6 .. 633).
                double sd = Math.Sqrt(N * p * (1 - p));
                Assert.InRange(count, expected - 5 * sd, expected + 5 * sd);
            }
            else if (k == 5)
            {
                // Expected 5.73, too few for a normal approximation: Poisson(5.73) gives P(count >= 18) = 3.2e-5.
                // At least one is required too (P(0) = e^-5.73 = 0.3%; see the maximum below).
                Assert.InRange(count, 1, 17);
            }
            else
            {
                // Expected 0.0197: Poisson gives P(count >= 3) = 1.3e-6, so more than 2 means a broken tail.
                Assert.InRange(count, 0, 2);
            }
        }
    }

    [Fact]
    public void The_extremes_reach_past_five_sigma_and_stay_within_the_largest_radius()
    {
        float max = Math.Max(-sample.Sorted[0], sample.Sorted[^1]);
        output.WriteLine($"min {sample.Sorted[0]}, max {sample.Sorted[^1]}");
        // The largest |z| of 10^7 exact normals is above 5 unless no draw passes 5 sigma: P = (1 - 5.73e-7)^1e7 = 0.3%
        // (and for this fixed stream it is a fixed fact, not a chance). A 24-bit u1 could not get there reliably:
        // its largest radius would be sqrt(-2 ln 2^-25) = 5.89. With 32 bits the radius reaches sqrt(66 ln 2) = 6.764,
        // which bounds every |z|; P(|z| > 6.764) = 1.3e-11 per draw, so the cut-off tail is immaterial.
        Assert.InRange(max, 5f, 6.7638f);
    }

    private static long CountBeyond(float[] sorted, double threshold, bool upper = false)
    {
        // Number of values below -|threshold| (lower tail) or above threshold (upper tail), by binary search.
        int index = Array.BinarySearch(sorted, (float)threshold);
        if (index < 0) index = ~index;
        else if (upper) while (index < sorted.Length && sorted[index] <= threshold) index++;
        else while (index > 0 && sorted[index - 1] >= threshold) index--;
        return upper ? sorted.Length - index : index;
    }
}
