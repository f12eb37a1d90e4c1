using System.Globalization;
using Akka.Actor;

namespace DistSnn.Runtime.Actors;

/// <summary>
/// TEST ONLY: a seam that makes a worker's trial throw, so that tests can check that a failure on a worker ends the
/// study with its error. A worker reads it from the environment variable <see cref="EnvironmentVariable"/>
/// (<c>POINT:TRIAL</c>); when that trial is handed to it, the worker runs an actor that throws instead of the trial,
/// through the same supervision as a real trial. Never set it outside tests.
/// </summary>
/// <param name="Point">The sweep point of the trial that fails.</param>
/// <param name="Trial">Its trial index.</param>
public sealed record InjectedTrialFailure(int Point, int Trial)
{
    public const string EnvironmentVariable = "DISTSNN_TEST_FAIL_TRIAL";

    /// <summary>The message of the exception it throws.</summary>
    public string Message => $"injected failure ({EnvironmentVariable}) of point {Point} trial {Trial}";

    /// <summary>The failure <see cref="EnvironmentVariable"/> asks for, or null when it is not set.</summary>
    /// <exception cref="FormatException">It is set, but not to POINT:TRIAL.</exception>
    public static InjectedTrialFailure? FromEnvironment()
    {
        string? value = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrEmpty(value)) return null;
        string[] parts = value.Split(':');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int point)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int trial))
            return new InjectedTrialFailure(point, trial);
        throw new FormatException($"{EnvironmentVariable} must be POINT:TRIAL (test only), got '{value}'");
    }

    /// <summary>An actor that throws on its first message, which it sends itself: a failure while running, not while being created.</summary>
    public Props Props() => Akka.Actor.Props.Create(() => new Thrower(Message));

    private sealed class Thrower : ReceiveActor
    {
        public Thrower(string message) => Receive<string>(_ => throw new InvalidOperationException(message));

        protected override void PreStart() => Self.Tell("run");
    }
}
