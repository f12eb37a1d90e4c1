using DistSnn.Core.Crossbar;
using DistSnn.Core.Study;
using static DistSnn.Core.Tests.Study.SpecText;

namespace DistSnn.Core.Tests.Study;

/// <summary>The spec keys of a calibrated ADC range: <c>crossbar.adc.range: calibrated</c> and <c>crossbar.adc.calibration</c>.</summary>
public class AdcCalibrationSpecTests
{
    [Fact]
    public void Calibrated_binds_its_defaults_train_for_a_built_in_set_and_the_study_for_a_file()
    {
        AdcSettings adc = Read("model: m\ncrossbar: { adc: { bits: 4, range: calibrated } }\n").Points[0].Settings.Crossbar.Adc;
        Assert.Null(adc.Range);
        Assert.Equal(new AdcCalibrationSettings(256, 100, AdcCalibrationData.Train), adc.Calibration);

        AdcSettings csv = Read("model: m\ndata: { source: csv, path: d.csv }\ncrossbar: { adc: { bits: 4, range: calibrated, calibration: { samples: 32, percentile: 99.9 } } }\n")
            .Points[0].Settings.Crossbar.Adc;
        Assert.Equal(new AdcCalibrationSettings(32, 99.9, AdcCalibrationData.Study), csv.Calibration);

        Assert.Null(Read("model: m\ncrossbar: { adc: { bits: 4, range: 2.5 } }\n").Points[0].Settings.Crossbar.Adc.Calibration);
        Assert.Equal(2.5, Read("model: m\ncrossbar: { adc: { bits: 4, range: 2.5 } }\n").Points[0].Settings.Crossbar.Adc.Range);
    }

    [Fact]
    public void Auto_and_numbers_hash_as_before_and_calibrated_does_not_hash_as_auto()
    {
        string without = Read("model: m\n").CanonicalText;
        Assert.Equal(without, Read("model: m\ncrossbar: { adc: { range: auto } }\n").CanonicalText);
        Assert.DoesNotContain("calibration", Read("model: m\ncrossbar: { adc: { bits: 4, range: 3 } }\n").CanonicalText);
        string calibrated = Read("model: m\ncrossbar: { adc: { bits: 4, range: calibrated } }\n").CanonicalText;
        Assert.NotEqual(Read("model: m\ncrossbar: { adc: { bits: 4 } }\n").CanonicalText, calibrated);
        // The calibration's defaults written say what their absence says.
        Assert.Equal(calibrated, Read("model: m\ncrossbar: { adc: { bits: 4, range: calibrated, calibration: { samples: 256, percentile: 100 } } }\n").CanonicalText);
    }

    [Fact]
    public void The_percentile_can_be_swept()
    {
        StudySpec spec = Read("model: m\ncrossbar: { adc: { bits: 4, range: calibrated } }\nsweep: [{ key: crossbar.adc.calibration.percentile, values: [100, 99.9, 99] }]\n");
        Assert.Equal([100.0, 99.9, 99.0], spec.Points.Select(p => p.Settings.Crossbar.Adc.Calibration!.Percentile));
    }

    [Theory]
    [InlineData("adc: { bits: 4, calibration: { samples: 64 } }", "crossbar.adc.calibration.samples (line 2)", "acts only where crossbar.adc.range is calibrated and crossbar.adc.bits above 0, which no point of this study is; remove crossbar.adc.calibration.samples")]
    [InlineData("adc: { bits: 4, range: 2, calibration: { percentile: 99 } }", "crossbar.adc.calibration.percentile (line 2)", "acts only where crossbar.adc.range is calibrated")]
    [InlineData("adc: { bits: 4, calibration: { data: study } }", "crossbar.adc.calibration.data (line 2)", "acts only where crossbar.adc.range is calibrated")]
    [InlineData("adc: { bits: 4, range: calibrated, calibration: { samples: 0 } }", "crossbar.adc.calibration.samples (line 2)", "expected an integer >= 1, got 0")]
    [InlineData("adc: { bits: 4, range: calibrated, calibration: { percentile: 0 } }", "crossbar.adc.calibration.percentile (line 2)", "expected a number in (0, 100], got 0")]
    [InlineData("adc: { bits: 4, range: calibrated, calibration: { percentile: 100.5 } }", "crossbar.adc.calibration.percentile (line 2)", "expected a number in (0, 100], got 100.5")]
    [InlineData("adc: { bits: 4, range: calibrated, calibration: { data: validation } }", "crossbar.adc.calibration.data (line 2)", "expected train or study, got 'validation'")]
    [InlineData("adc: { bits: 4, range: calibrate }", "crossbar.adc.range (line 2)", "expected auto, calibrated or a number > 0, got 'calibrate'")]
    public void A_bad_calibration_names_its_key_and_what_was_expected(string adc, string field, string expectation)
    {
        InputException error = Fails("model: m\ncrossbar: { " + adc + " }\n");
        Assert.Equal(Origin, error.Origin);
        Assert.Equal(field, error.Field);
        Assert.Contains(expectation, error.Expectation);
    }

    [Fact]
    public void Train_calibration_is_refused_for_a_file_source()
    {
        InputException error = Fails("model: m\ndata: { source: csv, path: d.csv }\ncrossbar: { adc: { bits: 4, range: calibrated, calibration: { data: train } } }\n");
        Assert.StartsWith("crossbar.adc.calibration.data", error.Field);
        Assert.Contains("expected study with data source csv", error.Expectation);
    }
}
