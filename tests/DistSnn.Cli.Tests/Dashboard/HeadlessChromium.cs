using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DistSnn.Cli.Tests.Dashboard;

/// <summary>
/// A real headless Chromium (Debian package <c>chromium</c>) driven over the DevTools protocol: one page, navigated,
/// read with JavaScript, photographed. It listens on a free loopback port (<c>--remote-debugging-port=0</c>), which it
/// writes to <c>DevToolsActivePort</c> in its own temporary profile; the process (by its id) and the profile go at
/// the end.
/// </summary>
public sealed class HeadlessChromium : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private int _nextId;

    private HeadlessChromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>The browser, or null with why not (not installed).</summary>
    public static string? Executable { get; } = new[] { "chromium", "chromium-browser", "google-chrome" }
        .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(dir => Path.Combine(dir, name)))
        .FirstOrDefault(File.Exists);

    /// <param name="width">Window width in CSS pixels (the screenshots' width).</param>
    public static HeadlessChromium Start(int width = 1280, int height = 900)
    {
        string executable = Executable ?? throw new InvalidOperationException("chromium is not installed");
        string profile = Path.Combine(Path.GetTempPath(), "distsnn-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        // --no-sandbox: CI runs as root, where Chromium refuses its sandbox.
        foreach (string a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                     "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", $"--user-data-dir={profile}",
                     $"--window-size={width},{height}", "about:blank" })
            start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        // Its log is noise (no D-Bus in a container); read it so that a full pipe never blocks the browser.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var browser = new HeadlessChromium(process, profile);
        try
        {
            browser.Connect();
            return browser;
        }
        catch
        {
            browser.Dispose();
            throw;
        }
    }

    private void Connect()
    {
        string portFile = Path.Combine(_profile, "DevToolsActivePort");
        var clock = Stopwatch.StartNew();
        int port = 0;
        while (port == 0)
        {
            if (_process.HasExited) throw new InvalidOperationException($"chromium exited with {_process.ExitCode} before it listened");
            if (clock.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("chromium wrote no DevToolsActivePort in 30 s");
            try
            {
                if (File.Exists(portFile) && int.TryParse(File.ReadLines(portFile).FirstOrDefault(), out int p)) port = p;
            }
            catch (IOException)
            {
                // Read while it was being written: try again.
            }
            if (port == 0) Thread.Sleep(50);
        }
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var targets = JsonNode.Parse(http.GetStringAsync($"http://127.0.0.1:{port}/json/list").GetAwaiter().GetResult())!.AsArray();
        string page = targets.First(t => (string?)t!["type"] == "page")!["webSocketDebuggerUrl"]!.GetValue<string>();
        _socket.ConnectAsync(new Uri(page), CancellationToken.None).Wait(CommandTimeout);
    }

    /// <summary>Loads <paramref name="url"/> (returns once the navigation is under way; poll the DOM for what it shows).</summary>
    public void Navigate(Uri url) => Send("Page.navigate", new JsonObject { ["url"] = url.ToString() });

    /// <summary>The value of a JavaScript expression in the page (JSON-serialisable: strings, numbers, plain objects).</summary>
    public JsonNode? Evaluate(string expression)
    {
        JsonNode result = Send("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true });
        if (result["exceptionDetails"] is { } error) throw new InvalidOperationException($"the page threw: {error.ToJsonString()}");
        return result["result"]!["value"]?.DeepClone();
    }

    /// <summary>A PNG of the page as it is drawn now.</summary>
    public byte[] Screenshot() =>
        Convert.FromBase64String(Send("Page.captureScreenshot", new JsonObject { ["format"] = "png" })["data"]!.GetValue<string>());

    /// <summary>One DevTools command and its result; events that arrive meanwhile are skipped (none is enabled).</summary>
    private JsonNode Send(string method, JsonObject parameters)
    {
        int id = ++_nextId;
        var command = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        using var timeout = new CancellationTokenSource(CommandTimeout);
        _socket.SendAsync(Encoding.UTF8.GetBytes(command.ToJsonString()), WebSocketMessageType.Text, true, timeout.Token).GetAwaiter().GetResult();
        while (true)
        {
            JsonNode message = Receive(timeout.Token);
            if ((int?)message["id"] != id) continue;
            if (message["error"] is { } error) throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
            return message["result"]!;
        }
    }

    private JsonNode Receive(CancellationToken cancel)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult part;
        do
        {
            part = _socket.ReceiveAsync(buffer, cancel).GetAwaiter().GetResult();
            if (part.MessageType == WebSocketMessageType.Close) throw new InvalidOperationException("chromium closed the DevTools connection");
            message.Write(buffer, 0, part.Count);
        }
        while (!part.EndOfMessage);
        return JsonNode.Parse(message.ToArray())!;
    }

    public void Dispose()
    {
        _socket.Dispose();
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>A test that needs <see cref="HeadlessChromium"/>: skipped, saying why, where no Chromium is installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (HeadlessChromium.Executable is null) Skip = "needs a headless Chromium (Debian package `chromium`; .ci/run installs it): none on the PATH";
    }
}
