using System.Text.RegularExpressions;

namespace DistSnn.Cli.Tests;

/// <summary>One shell example of the README: a code block a reader would paste into a terminal.</summary>
/// <param name="Line">The 1-based line of its first command in README.md.</param>
/// <param name="Script">Its lines, as written.</param>
/// <param name="NotRun">Why the test does not run it (null: it runs).</param>
public sealed record ReadmeExample(int Line, string Script, string? NotRun)
{
    public override string ToString() => $"README.md line {Line}: {Script.Split('\n')[0]}";
}

/// <summary>
/// Finds the shell examples of a Markdown file: indented code blocks (four spaces after a blank line, outside lists and
/// fences) and fenced blocks marked <c>bash</c>, <c>sh</c> or <c>shell</c>. Fences without a language (the command
/// synopsis, the layout) and YAML blocks are not shell. An example is not run when it cannot run on the test machine
/// as written, and the reason is part of the example, so the tests can say which ones they skip and why.
/// </summary>
public static class ReadmeExamples
{
    public static IReadOnlyList<ReadmeExample> Parse(string markdown)
    {
        string[] lines = markdown.Replace("\r\n", "\n").Split('\n');
        var examples = new List<ReadmeExample>();
        bool inFence = false, shellFence = false;
        var block = new List<string>();
        int blockLine = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                if (!inFence)
                {
                    string language = line.Trim().TrimStart('`').Trim();
                    inFence = true;
                    shellFence = language is "bash" or "sh" or "shell";
                    blockLine = i + 2;
                }
                else
                {
                    if (shellFence) Add(examples, blockLine, block);
                    block.Clear();
                    inFence = false;
                }
                continue;
            }
            if (inFence)
            {
                if (shellFence) block.Add(line);
                continue;
            }
            bool indented = line.StartsWith("    ", StringComparison.Ordinal) && line.Trim().Length > 0;
            if (indented && (block.Count > 0 || (i > 0 && lines[i - 1].Trim().Length == 0 && !InList(lines, i))))
            {
                if (block.Count == 0) blockLine = i + 1;
                block.Add(line[4..]);
                continue;
            }
            if (block.Count > 0 && line.Trim().Length == 0 && i + 1 < lines.Length && lines[i + 1].StartsWith("    ", StringComparison.Ordinal))
            {
                block.Add("");
                continue;
            }
            if (block.Count > 0)
            {
                Add(examples, blockLine, block);
                block.Clear();
            }
        }
        if (block.Count > 0) Add(examples, blockLine, block);
        return examples;
    }

    /// <summary>Whether line i continues a list item (its indentation belongs to the item, not to a code block).</summary>
    private static bool InList(string[] lines, int i)
    {
        for (int j = i - 1; j >= 0; j--)
        {
            string l = lines[j];
            if (l.Trim().Length == 0) continue;
            if (Regex.IsMatch(l, @"^\s*([*-]|\d+\.)\s")) return true;
            if (!l.StartsWith(" ", StringComparison.Ordinal)) return false;
        }
        return false;
    }

    private static void Add(List<ReadmeExample> examples, int line, List<string> block)
    {
        string script = string.Join('\n', block).Trim('\n');
        if (script.Length > 0) examples.Add(new ReadmeExample(line, script, NotRunReason(script)));
    }

    /// <summary>The examples a test cannot run as written, and why; every other one must run.</summary>
    private static string? NotRunReason(string script)
    {
        if (Regex.IsMatch(script, @"<[^>]+>")) return "a template: it has placeholders (<...>) for another machine's values";
        if (Regex.IsMatch(script, @"^\s*dotnet test\b", RegexOptions.Multiline)) return "runs the test suite itself (CI runs it)";
        if (Regex.IsMatch(script, @"^\s*(docker|docker-compose)\b|^\s*WORKERS=\S+ docker", RegexOptions.Multiline))
            return "needs a Docker engine (the Docker-file tests check these files without one)";
        if (Regex.IsMatch(script, @"^\s*dotnet publish .* -o /app\s*$", RegexOptions.Multiline))
            return "what the Docker image's build stage runs (the Docker-file tests check it is the Dockerfile's command)";
        return null;
    }
}
