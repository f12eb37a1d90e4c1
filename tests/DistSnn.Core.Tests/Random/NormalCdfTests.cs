namespace DistSnn.Core.Tests.Random;

public class NormalCdfTests
{
    // Reference values of erfc to 17 digits (arbitrary-precision arithmetic).
    [Theory]
    [InlineData(0.5, 0.47950012218695346)]
    [InlineData(1.0, 0.15729920705028513)]
    [InlineData(2.0, 0.0046777349810472658)]
    [InlineData(2.5, 0.00040695201744495894)]
    [InlineData(3.0, 2.2090496998585441e-5)]
    [InlineData(5.0, 1.5374597944280349e-12)]
    public void Erfc_matches_reference_values(double x, double expected)
    {
        Assert.InRange(NormalCdf.Erfc(x) / expected - 1, -1e-14, 1e-14);
    }

    [Fact]
    public void Cdf_is_symmetric_and_half_at_zero()
    {
        Assert.Equal(0.5, NormalCdf.Cdf(0), 15);
        for (double z = 0.25; z < 8; z += 0.25) Assert.Equal(1, NormalCdf.Cdf(z) + NormalCdf.Cdf(-z), 14);
    }
}
