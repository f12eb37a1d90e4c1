using DistSnn.Core.Crossbar;
using DistSnn.Core.Data;
using DistSnn.Core.Engine;
using DistSnn.Core.Snn;
using DistSnn.Core.Study;
using DistSnn.Core.Trial;

namespace DistSnn.Core.Tests.Engine;

/// <summary>What a chip counts over a trial, against what the network's shape and its own outputs say it must be.</summary>
public class ChipCountersTests
{
    private const int Steps = 8;

    private static (TrialResult Result, double[] Scores, Dataset Data, SnnModel Model) Run(int samples, int batch, CrossbarSettings chip)
    {
        SnnModel model = TestData.SharedModel.With(timesteps: Steps);
        Dataset data = TestData.FashionMnistTest(samples);
        var scores = new double[samples * model.Classes];
        TrialResult result = new ReferenceEngine(model, chip, 4, batch).RunTrial(2, data, scores);
        return (result, scores, data, model);
    }

    [Fact]
    public void The_shared_model_on_fashion_mnist_counts_what_its_shape_and_spikes_imply()
    {
        var (result, scores, data, model) = Run(24, 8, DeterminismTests.NoisyChip());
        ChipCounters c = result.Counters;
        CrossbarSettings chip = DeterminismTests.NoisyChip();
        long samplesSteps = (long)data.Count * Steps;

        Assert.Equal(model.Layers.Count, c.Layers);
        for (int l = 0; l < c.Layers; l++)
        {
            DenseLayer layer = model.Layers[l];
            int tileRows = (layer.Inputs + chip.Tile.Rows - 1) / chip.Tile.Rows;
            Assert.Equal(2L * layer.Inputs * layer.Outputs, c[l, ChipCounter.Devices]);
            Assert.Equal(samplesSteps * layer.Outputs, c[l, ChipCounter.NeuronUpdates]);
            // Every tile of a tile row converts each of its columns at every read: the layer's outputs once per tile row.
            Assert.Equal(samplesSteps * layer.Outputs * tileRows, c[l, ChipCounter.AdcConversions]);
            Assert.InRange(c[l, ChipCounter.AdcClipped], 0, c[l, ChipCounter.AdcConversions]);
        }
        // A spike of layer 0 is an active input row of layer 1, read across all of layer 1's columns.
        Assert.Equal(c[0, ChipCounter.Spikes] * model.Layers[1].Outputs, c[1, ChipCounter.SynapticEvents]);
        // The spike-count readout's scores are the output layer's spikes.
        Assert.Equal((long)scores.Sum(), c[1, ChipCounter.Spikes]);
        // Rate coding: each input spikes with its intensity as probability, so layer 0's active rows are on average
        // the summed intensities (24 images x 8 steps x ~220: a relative spread of about 0.3%).
        long inputSpikes = c[0, ChipCounter.SynapticEvents] / model.Layers[0].Outputs;
        Assert.Equal(0, c[0, ChipCounter.SynapticEvents] % model.Layers[0].Outputs);
        double expected = Steps * data.Values.Take(data.Count * data.Features).Sum(v => (double)v);
        Assert.InRange(inputSpikes / expected, 0.98, 1.02);
        // stuck_off 0.02 and stuck_on 0.005 of ~794,000 devices: binomial spread ~0.02% absolute.
        double stuck = (double)(c.Total(ChipCounter.StuckOff) + c.Total(ChipCounter.StuckOn)) / c.Total(ChipCounter.Devices);
        Assert.InRange(stuck, 0.025 - 0.001, 0.025 + 0.001);
        Assert.InRange((double)c.Total(ChipCounter.StuckOn) / c.Total(ChipCounter.Devices), 0.005 - 0.0005, 0.005 + 0.0005);
    }

    [Fact]
    public void The_batch_size_does_not_change_a_counter()
    {
        ChipCounters one = Run(9, 1, DeterminismTests.NoisyChip()).Result.Counters;

        Assert.Equal(one, Run(9, 4, DeterminismTests.NoisyChip()).Result.Counters);
        Assert.Equal(one, Run(9, 64, DeterminismTests.NoisyChip()).Result.Counters);
    }

    [Fact]
    public void An_ideal_chip_has_no_stuck_devices_and_no_conversions()
    {
        ChipCounters c = Run(5, 8, CrossbarSettings.Ideal).Result.Counters;

        Assert.Equal(0, c.Total(ChipCounter.StuckOff) + c.Total(ChipCounter.StuckOn));
        Assert.Equal(0, c.Total(ChipCounter.AdcConversions));
        Assert.True(c.Total(ChipCounter.SynapticEvents) > 0);
    }

    [Fact]
    public void A_bag_keeps_its_names_and_values_through_its_array()
    {
        var bag = new ChipCounters(3);
        bag.Add(2, ChipCounter.Spikes, 7);
        bag.Add(0, ChipCounter.AdcClipped, 3);
        bag.Add(0, new TileCounters(Clipped: 1, Conversions: 10, Events: 100));

        ChipCounters copy = ChipCounters.FromArray(bag.ToArray());
        Assert.Equal(bag, copy);
        Assert.Equal(4, copy[0, ChipCounter.AdcClipped]);
        Assert.Equal(100, copy.Total(ChipCounter.SynapticEvents));
        Assert.Equal("synaptic_events", ChipCounters.Name(ChipCounter.SynapticEvents));
        Assert.Equal("stuck_off", ChipCounters.Name(ChipCounter.StuckOff));
        Assert.Equal(ChipCounter.NeuronUpdates, ChipCounters.Parse("neuron_updates"));
        Assert.Null(ChipCounters.Parse("dead_widgets"));
        Assert.Throws<ArgumentException>(() => ChipCounters.FromArray(new long[ChipCounters.Kinds + 1]));
        copy.Add(1, ChipCounter.Devices, 1);
        Assert.NotEqual(bag, copy);
    }

    [Fact]
    public void The_energy_estimate_is_the_per_event_energies_times_the_counts()
    {
        var c = new ChipCounters(2);
        c.Add(0, ChipCounter.SynapticEvents, 1_000_000);
        c.Add(1, ChipCounter.SynapticEvents, 500_000);
        c.Add(0, ChipCounter.AdcConversions, 4_000);
        c.Add(0, ChipCounter.NeuronUpdates, 10_000);
        c.Add(1, ChipCounter.NeuronUpdates, 200);
        c.Add(1, ChipCounter.Spikes, 50);
        c.Add(0, ChipCounter.Devices, 1_000);
        c.Add(0, ChipCounter.StuckOff, 20);
        c.Add(1, ChipCounter.StuckOn, 5);
        var stats = ChipStatistics.Of(new TrialResult(7, 10, c), new EnergySettings(DeviceReadFj: 3, AdcConversionPj: 5, NeuronUpdatePj: 0.25));

        // 2 devices x 1.5e6 pairs x 3 fJ = 9 nJ; 4,000 x 5 pJ = 20 nJ; 10,200 x 0.25 pJ = 2.55 nJ; over 10 samples.
        Assert.Equal((9 + 20 + 2.55) / 10, stats.EnergyPerSampleNj, 1e-12);
        Assert.Equal(0.025, stats.StuckFraction, 1e-15);
        Assert.Equal(150_000, stats.SynapticEventsPerSample);
        Assert.Equal([0.0, 0.25], stats.SpikeRates);
    }
}
