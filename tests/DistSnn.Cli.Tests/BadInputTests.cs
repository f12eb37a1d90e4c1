using System.Text;

namespace DistSnn.Cli.Tests;

/// <summary>Every kind of bad input ends with exit code 2 and one <c>error:</c> line naming the file and the field; never a stack trace.</summary>
public class BadInputTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private const string GoodSpec = """
        name: bad-input
        model: builtin:digits-mlp
        data: { source: digits, limit: 20 }
        trials: 2
        """;

    private static void AssertBadInput(CliRun run, params string[] mentions)
    {
        Assert.Equal(2, run.ExitCode);
        string[] lines = run.StderrLines;
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0]);
        Assert.DoesNotContain("   at ", run.Stderr);
        foreach (string m in mentions) Assert.Contains(m, lines[0]);
        Assert.Equal("", run.Stdout);
    }

    private CliRun Validate(string spec) => CliRun.Of("validate", _dir.File("spec.yaml", spec));

    [Fact]
    public void A_worker_log_that_cannot_be_written_is_refused_before_the_worker_starts()
    {
        // A directory where the file should be: nothing can append to it.
        string path = _dir.Combine("a-directory.log");
        Directory.CreateDirectory(path);
        AssertBadInput(CliRun.Of("worker", "--join", "127.0.0.1:1", "--log", path), "--log", "a-directory.log");
    }

    [Fact]
    public void The_good_spec_is_accepted() => Assert.Equal(0, Validate(GoodSpec).ExitCode);

    [Fact]
    public void Missing_spec_file() => AssertBadInput(CliRun.Of("study", _dir.Combine("nope.yaml"), "--out", _dir.Combine("out")), "nope.yaml", "not found");

    [Fact]
    public void Malformed_yaml() => AssertBadInput(Validate("name: x\nmodel: [builtin:digits-mlp\ntrials: 2\n"), "spec.yaml", "line");

    [Fact]
    public void Unknown_key_suggests_the_nearest() =>
        AssertBadInput(Validate(GoodSpec + "\ncrossbar: { devise: { read: { sigma: 0.1 } } }\n"), "spec.yaml", "crossbar.devise", "crossbar.device");

    [Fact]
    public void Negative_sigma() =>
        AssertBadInput(Validate(GoodSpec + "\ncrossbar: { device: { read: { sigma: -0.1 } } }\n"), "spec.yaml", "crossbar.device.read.sigma", "-0.1");

    [Fact]
    public void Tile_size_zero() =>
        AssertBadInput(Validate(GoodSpec + "\ncrossbar: { tile: { rows: 0 } }\n"), "spec.yaml", "crossbar.tile.rows");

    [Fact]
    public void An_override_of_a_tile_the_model_does_not_have() =>
        // digits-mlp is 64-64-10: 128 x 128 tiles give each layer one tile.
        AssertBadInput(Validate(GoodSpec + "\ncrossbar:\n  overrides:\n    - { layer: 0, tiles: [1], set: { crossbar.adc.bits: 6 } }\n"),
            "spec.yaml", "crossbar.overrides[0].tiles", "0..0", "got 1");

    [Fact]
    public void An_override_of_a_setting_that_is_the_same_for_every_tile() =>
        AssertBadInput(Validate(GoodSpec + "\ncrossbar:\n  overrides:\n    - { layer: 0, set: { crossbar.tile.rows: 16 } }\n"),
            "spec.yaml", "crossbar.overrides[0].set.crossbar.tile.rows", "line 7", "tile grid");

    [Fact]
    public void Negative_sigma_from_the_command_line() =>
        AssertBadInput(CliRun.Of("validate", _dir.File("spec.yaml", GoodSpec), "--set", "crossbar.device.programming.sigma=-1"), "crossbar.device.programming.sigma");

    [Fact]
    public void Unknown_placement() =>
        AssertBadInput(Validate(GoodSpec + "\nplacement: scattered\n"), "spec.yaml", "placement", "local or spread");

    [Fact]
    public void Spread_batch_whose_partial_sums_exceed_the_frame_size_is_refused_before_anything_is_written()
    {
        string output = _dir.Combine("out");
        AssertBadInput(CliRun.Of("study", _dir.File("spec.yaml", GoodSpec + "\nplacement: spread\nbatch: 8000\n"), "--out", output, "--port", "0"),
            "spec.yaml", "batch", "maximum-frame-size");
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Set_without_equals_sign() =>
        AssertBadInput(CliRun.Of("validate", _dir.File("spec.yaml", GoodSpec), "--set", "trials"), "--set");

    [Fact]
    public void Unknown_option() => AssertBadInput(CliRun.Of("study", "--no-such-option"), "command line");

    [Fact]
    public void Missing_model_file() =>
        AssertBadInput(Validate(GoodSpec.Replace("builtin:digits-mlp", "missing.safetensors")), "model", "missing.safetensors");

    [Fact]
    public void Truncated_safetensors()
    {
        byte[] bytes = File.ReadAllBytes(Repository.SharedModel);
        File.WriteAllBytes(_dir.Combine("model.safetensors"), bytes[..(bytes.Length / 2)]);
        AssertBadInput(Validate(FashionSpec("model.safetensors")), "model.safetensors");
    }

    [Fact]
    public void Safetensors_header_claims_more_bytes_than_the_file_has()
    {
        byte[] bytes = File.ReadAllBytes(Repository.SharedModel);
        BitConverter.GetBytes((ulong)bytes.Length * 2).CopyTo(bytes, 0);
        File.WriteAllBytes(_dir.Combine("model.safetensors"), bytes);
        AssertBadInput(Validate(FashionSpec("model.safetensors")), "model.safetensors", "header");
    }

    [Fact]
    public void Weight_shapes_that_do_not_chain()
    {
        WriteSafetensors("model.safetensors", ("layers.0.weight", [5, 64], 0.1f), ("layers.1.weight", [10, 4], 0.1f));
        AssertBadInput(Validate(GoodSpec.Replace("builtin:digits-mlp", "model.safetensors")), "model.safetensors", "layers.1.weight");
    }

    [Fact]
    public void NaN_weights()
    {
        WriteSafetensors("model.safetensors", ("layers.0.weight", [5, 64], float.NaN), ("layers.1.weight", [10, 5], 0.1f));
        AssertBadInput(Validate(GoodSpec.Replace("builtin:digits-mlp", "model.safetensors")), "model.safetensors", "layers.0.weight");
    }

    [Fact]
    public void Wrong_idx_magic_number()
    {
        using (var file = File.Create(_dir.Combine("t10k-images-idx3-ubyte")))
            file.Write([0x12, 0x34, 0x56, 0x78, 0, 0, 0, 1, 0, 0, 0, 28, 0, 0, 0, 28]);
        File.WriteAllBytes(_dir.Combine("t10k-labels-idx1-ubyte"), [0, 0, 8, 1, 0, 0, 0, 1, 3]);
        string spec = FashionSpec(Repository.SharedModel, dataPath: ".");
        AssertBadInput(Validate(spec), "t10k-images-idx3-ubyte", "magic");
    }

    [Fact]
    public void Missing_cluster_config_file() =>
        AssertBadInput(CliRun.Of("study", _dir.File("spec.yaml", GoodSpec), "--out", _dir.Combine("o"), "--port", "4999", "--config", _dir.Combine("none.hocon")), "none.hocon", "not found");

    [Fact]
    public void Cluster_config_without_a_port() =>
        AssertBadInput(CliRun.Of("study", _dir.File("spec.yaml", GoodSpec), "--out", _dir.Combine("o"), "--config", _dir.File("c.hocon", "a = 1")), "--config", "--port");

    [Fact]
    public void Tls_without_its_certificate_file_is_refused_before_anything_is_written()
    {
        string output = _dir.Combine("out");
        string config = _dir.File("tls.hocon", SelfSignedCertificate.TlsConfig(_dir.Combine("none.pfx"), "pw"));
        AssertBadInput(CliRun.Of("study", _dir.File("spec.yaml", GoodSpec), "--out", output, "--port", "0", "--config", config),
            "tls.hocon", "akka.remote.dot-netty.tcp.ssl.certificate.path", "none.pfx", "not found");
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Tls_certificate_with_the_wrong_password()
    {
        SelfSignedCertificate.WritePkcs12(_dir.Combine("cluster.pfx"), "right");
        string config = _dir.File("tls.hocon", SelfSignedCertificate.TlsConfig(_dir.Combine("cluster.pfx"), "wrong"));
        AssertBadInput(CliRun.Of("worker", "--join", "127.0.0.1:4999", "--config", config), "tls.hocon", "certificate.path", "cluster.pfx", "password");
    }

    [Fact]
    public void No_local_workers_without_a_port() =>
        AssertBadInput(CliRun.Of("study", _dir.File("spec.yaml", GoodSpec), "--out", _dir.Combine("o"), "--local-workers", "0"), "--local-workers", "--port");

    [Fact]
    public void A_join_address_without_a_port() => AssertBadInput(CliRun.Of("worker", "--join", "localhost"), "--join", "HOST:PORT");

    [Fact]
    public void Existing_results_are_not_overwritten()
    {
        string outDir = _dir.Combine("out");
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "trials.csv"), "earlier results");
        AssertBadInput(CliRun.Of("study", _dir.File("spec.yaml", GoodSpec), "--out", outDir, "--quiet"), "--out", "--overwrite");
        Assert.Equal("earlier results", File.ReadAllText(Path.Combine(outDir, "trials.csv")));
    }

    /// <summary>The built-in model as a file, with its metadata keys <paramref name="dropped"/> removed.</summary>
    private string BuiltinModelWithout(params string[] dropped)
    {
        var full = Core.Models.ModelFile.ToSafetensors(Core.Models.BuiltinModels.Load("digits-mlp", "test"));
        var metadata = full.Metadata.Where(e => !dropped.Contains(e.Key)).ToDictionary(e => e.Key, e => e.Value);
        string path = _dir.Combine("bare.safetensors");
        Core.Models.SafetensorsFile.Write(new Core.Models.SafetensorsContent(full.Tensors, metadata), path);
        return path;
    }

    [Fact]
    public void A_model_without_neuron_metadata_is_refused_naming_the_keys_and_the_spec_keys()
    {
        BuiltinModelWithout("neuron", "beta", "threshold", "reset", "sigma", "encoder", "timesteps", "readout");
        AssertBadInput(Validate(GoodSpec.Replace("builtin:digits-mlp", "bare.safetensors")),
            "bare.safetensors", "__metadata__", "beta, threshold, reset, encoder, timesteps, readout",
            "neuron.beta, neuron.threshold, neuron.reset, encoder, timesteps, readout", "spec.yaml");
    }

    [Fact]
    public void A_model_missing_only_its_time_steps_names_only_them_and_a_spec_or_set_that_supplies_them_is_accepted()
    {
        BuiltinModelWithout("timesteps");
        string spec = GoodSpec.Replace("builtin:digits-mlp", "bare.safetensors");
        var run = Validate(spec);
        AssertBadInput(run, "bare.safetensors", "names no timesteps", "set timesteps in the spec");
        Assert.DoesNotContain("neuron.beta", run.Stderr);

        Assert.Equal(0, Validate(spec + "\ntimesteps: 16\n").ExitCode);
        var set = CliRun.Of("validate", _dir.File("spec.yaml", spec), "--set", "timesteps=16");
        Assert.Equal(0, set.ExitCode);
        Assert.Contains("timesteps=16 (spec)", set.Stdout);
    }

    [Fact]
    public void A_swept_setting_supplies_what_the_model_lacks()
    {
        BuiltinModelWithout("threshold");
        string spec = GoodSpec.Replace("builtin:digits-mlp", "bare.safetensors") + "\nsweep: [{ key: neuron.threshold, values: [0.5, 1.0] }]\n";
        var run = Validate(spec);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("threshold=0.5|1 (swept)", run.Stdout);
    }

    [Fact]
    public void A_limit_beyond_the_data_is_refused_not_clamped() =>
        AssertBadInput(Validate(GoodSpec.Replace("limit: 20", "limit: 590, offset: 10")), "spec.yaml", "data.limit", "at most 587", "597", "got 590");

    [Fact]
    public void A_file_that_is_not_safetensors_says_so()
    {
        // A PyTorch checkpoint is a zip archive: the usual wrong file.
        using (var zip = System.IO.Compression.ZipFile.Open(_dir.Combine("model.pt"), System.IO.Compression.ZipArchiveMode.Create))
            zip.CreateEntry("archive/data.pkl");
        var run = Validate(GoodSpec.Replace("builtin:digits-mlp", "model.pt"));
        AssertBadInput(run, "model.pt", "is not a safetensors file", "zip archive");
        Assert.DoesNotContain("header claims", run.Stderr);

        File.WriteAllText(_dir.Combine("model.csv"), "this is text, not a model\n");
        AssertBadInput(Validate(GoodSpec.Replace("builtin:digits-mlp", "model.csv")), "model.csv", "is not a safetensors file", "\"this is \"");
    }

    [Fact]
    public void A_csv_with_a_junk_header_is_refused_with_its_line()
    {
        // The built-in digits as CSV (64 features, label last) under a header that names one column.
        var digits = Core.Data.BuiltinDatasets.Digits("test");
        var text = new StringBuilder("pixels and label\n");
        for (int i = 0; i < 5; i++)
            text.Append(string.Join(",", digits.Values.Skip(i * 64).Take(64).Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))))
                .Append(',').Append(digits.Labels[i]).Append('\n');
        _dir.File("digits.csv", text.ToString());
        string spec = GoodSpec.Replace("{ source: digits, limit: 20 }", "{ source: csv, path: digits.csv }");
        AssertBadInput(Validate(spec), "digits.csv", "line 1", "the header names 1 column(s) but the first row (line 2) has 65");

        _dir.File("digits.csv", text.ToString().Replace("pixels and label\n", "") + "1,2,3\n");
        AssertBadInput(Validate(spec), "digits.csv", "line 6", "expected 65 columns");
    }

    /// <summary>A spec for <paramref name="model"/> on Fashion-MNIST: by default the repository's copy of its first test images.</summary>
    private static string FashionSpec(string model, string? dataPath = null) => $"""
        name: fmnist
        model: {model}
        data: {"{"} source: fashion-mnist, path: {dataPath ?? Repository.FashionMnist2000}, limit: 10 {"}"}
        trials: 2
        """;

    /// <summary>Writes a safetensors file by hand (8-byte header length, JSON header, little-endian F32 data).</summary>
    private void WriteSafetensors(string name, params (string Name, int[] Shape, float Fill)[] tensors)
    {
        var header = new StringBuilder("{\"__metadata__\":{\"format\":\"distsnn-model/1\"}");
        var data = new MemoryStream();
        foreach (var (tensorName, shape, fill) in tensors)
        {
            int count = shape.Aggregate(1, (a, b) => a * b);
            long begin = data.Length;
            for (int i = 0; i < count; i++) data.Write(BitConverter.GetBytes(fill));
            header.Append($",\"{tensorName}\":{{\"dtype\":\"F32\",\"shape\":[{string.Join(",", shape)}],\"data_offsets\":[{begin},{data.Length}]}}");
        }
        header.Append('}');
        byte[] headerBytes = Encoding.UTF8.GetBytes(header.ToString());
        using var file = File.Create(_dir.Combine(name));
        file.Write(BitConverter.GetBytes((ulong)headerBytes.Length));
        file.Write(headerBytes);
        file.Write(data.ToArray());
    }
}
