using DistSnn.Core.Crossbar;

namespace DistSnn.Core.Tests.Crossbar.IrDrop;

public class IrDropSettingsTests
{
    [Fact]
    public void The_default_is_no_ir_drop_with_realistic_circuit_values()
    {
        var s = new IrDropSettings();
        Assert.Equal(IrDropModel.None, s.Model);
        Assert.Equal(1.0, s.WireResistance);
        Assert.Equal(10.0, s.SourceResistance);
        Assert.Equal(10.0, s.SinkResistance);
        Assert.Equal(0.2, s.ReadVoltage);
        Assert.False(s.IsIdealCircuit);
        Assert.True(new IrDropSettings(IrDropModel.Solver, 0, 0, 0).IsIdealCircuit);
        Assert.Equal(new IrDropSettings(), new CrossbarSettings().IrDrop);
        Assert.Equal(new IrDropSettings(IrDropModel.None), new IrDropSettings());
    }

    [Theory]
    [InlineData(-1.0, 10.0, 10.0, 0.2)]
    [InlineData(double.NaN, 10.0, 10.0, 0.2)]
    [InlineData(1.0, double.PositiveInfinity, 10.0, 0.2)]
    [InlineData(1.0, 10.0, -0.5, 0.2)]
    [InlineData(1.0, 10.0, 10.0, 0.0)]
    [InlineData(1.0, 10.0, 10.0, -0.2)]
    public void Invalid_values_are_refused(double wire, double source, double sink, double volt)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IrDropSettings(IrDropModel.Solver, wire, source, sink, volt));
    }

    [Fact]
    public void With_is_validated_too()
    {
        var s = new IrDropSettings(IrDropModel.Analytic);
        Assert.Equal(3.0, (s with { WireResistance = 3.0 }).WireResistance);
        Assert.Throws<ArgumentOutOfRangeException>(() => s with { WireResistance = -3.0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => s with { ReadVoltage = double.NaN });
    }
}
