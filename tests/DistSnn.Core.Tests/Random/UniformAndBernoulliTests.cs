using DistSnn.Core.Random;
using Xunit.Abstractions;

namespace DistSnn.Core.Tests.Random;

public class UniformAndBernoulliTests(ITestOutputHelper output)
{
    [Fact]
    public void Kolmogorov_Smirnov_accepts_the_uniform()
    {
        const int n = 1_000_000;
        var u = new float[n];
        DrawKey.Read(5, 1, RandomScope.Encoder, 0, 0, 9, 3).Stream().FillUniform(u);
        Array.Sort(u);
        Assert.InRange(u[0], float.Epsilon, 1f);
        Assert.InRange(u[^1], float.Epsilon, 1f - 1e-7f);
        double d = KolmogorovSmirnov.Statistic(u, x => x);
        double critical = 1.95 / Math.Sqrt(n);   // alpha = 0.001
        output.WriteLine($"uniform KS D = {d:E3}, critical {critical:E3}");
        Assert.InRange(d, 0, critical);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(1.0)]
    public void Bernoulli_spikes_with_frequency_p(double p)
    {
        const int n = 1_000_003;
        var probabilities = new float[n];
        Array.Fill(probabilities, (float)p);
        var packed = new ulong[(n + 63) / 64];
        var stream = DrawKey.Read(8, 0, RandomScope.Encoder, 0, 0, 1, 2).Stream();
        stream.FillBernoulli(probabilities, packed);
        long spikes = packed.Sum(w => (long)ulong.PopCount(w));
        output.WriteLine($"p = {p}: {spikes} spikes of {n}");
        if (p == 0)
        {
            Assert.Equal(0, spikes);   // every uniform is above 0
        }
        else if (p == 1)
        {
            Assert.Equal(n, spikes);   // every uniform is below 1
        }
        else
        {
            double sd = Math.Sqrt(n * p * (1 - p));
            Assert.InRange(spikes, n * p - 5 * sd, n * p + 5 * sd);
        }
    }
}
