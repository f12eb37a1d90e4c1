using DistSnn.Core.Snn;

namespace DistSnn.Core.Tests.Snn;

public class LifNeuronTests
{
    private static int CountSpikes(NeuronSettings neuron, double current, int steps)
    {
        var u = new double[1];
        var spikes = new float[1];
        int count = 0;
        for (int t = 0; t < steps; t++)
        {
            LifNeuron.Step(neuron, u, [current], spikes);
            count += (int)spikes[0];
        }
        return count;
    }

    // IF with reset by subtraction: u after t steps is t*I - k*theta, so the count is floor(T*I/theta),
    // capped at one spike per step.
    [Theory]
    [InlineData(0.25, 1.0, 32)]
    [InlineData(0.375, 1.0, 100)]
    [InlineData(0.7, 0.5, 64)]
    [InlineData(1.5, 1.0, 10)]
    [InlineData(0.0, 1.0, 10)]
    [InlineData(-0.5, 1.0, 10)]
    public void If_subtract_counts_floor_of_charge_over_threshold(double current, double threshold, int steps)
    {
        var neuron = new NeuronSettings(Beta: 1.0, Threshold: threshold, Reset: ResetMode.Subtract);
        int expected = current <= 0 ? 0 : Math.Min(steps, (int)Math.Floor(steps * current / threshold + 1e-9));
        Assert.Equal(expected, CountSpikes(neuron, current, steps));
    }

    // LIF with reset to zero from u = 0: it fires after n* steps, n* the least n with I(1-beta^n)/(1-beta) >= theta,
    // and the cycle repeats, so the count is floor(T / n*); never if I/(1-beta) < theta.
    [Theory]
    [InlineData(0.3, 0.9, 1.0, 100)]
    [InlineData(0.5, 0.8, 1.0, 50)]
    [InlineData(0.11, 0.9, 1.0, 100)]
    [InlineData(0.09, 0.9, 1.0, 100)]
    public void Lif_zero_reset_matches_the_closed_form(double current, double beta, double threshold, int steps)
    {
        var neuron = new NeuronSettings(Beta: beta, Threshold: threshold, Reset: ResetMode.Zero);
        int expected = 0;
        if (current / (1 - beta) > threshold)
        {
            int n = (int)Math.Ceiling(Math.Log(1 - threshold * (1 - beta) / current) / Math.Log(beta) - 1e-12);
            expected = steps / n;
        }
        Assert.Equal(expected, CountSpikes(neuron, current, steps));
    }

    [Fact]
    public void No_reset_keeps_integrating_and_spikes_every_step_above_threshold()
    {
        var neuron = new NeuronSettings(Beta: 1.0, Threshold: 1.0, Reset: ResetMode.None);
        // u = 0.25 t crosses 1 at t = 4 and stays above: steps 4..20 all spike.
        Assert.Equal(17, CountSpikes(neuron, 0.25, 20));
    }
}
