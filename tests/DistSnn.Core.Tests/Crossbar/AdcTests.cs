using DistSnn.Core.Crossbar;

namespace DistSnn.Core.Tests.Crossbar;

public class AdcTests
{
    [Fact]
    public void Four_bits_has_fifteen_levels_with_zero()
    {
        var adc = new Adc(4, 7.0);
        Assert.Equal(1.0, adc.Step, 12);
        Assert.Equal(7, adc.MaxCode);
        Assert.Equal(0.0, adc.Convert(0.4, out bool c0));
        Assert.False(c0);
        Assert.Equal(3.0, adc.Convert(2.6, out _));
        Assert.Equal(-2.0, adc.Convert(-2.4, out _));
        Assert.Equal(7.0, adc.Convert(7.4, out bool c1));
        Assert.False(c1);
        Assert.Equal(7.0, adc.Convert(9.0, out bool c2));
        Assert.True(c2);
        Assert.Equal(-7.0, adc.Convert(-100, out bool c3));
        Assert.True(c3);
    }

    [Fact]
    public void Dac_rounds_to_its_levels()
    {
        var dac = new Dac(2);
        Assert.Equal(1f / 3f, dac.Convert(0.3f), 6);
        Assert.Equal(1f, dac.Convert(0.9f));
        Assert.Equal(0.3f, new Dac(0).Convert(0.3f));
    }
}
