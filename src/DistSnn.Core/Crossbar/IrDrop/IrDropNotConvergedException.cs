namespace DistSnn.Core.Crossbar.IrDrop;

/// <summary>The nodal solver did not reach its tolerance within its iteration bound: the read has no trustworthy
/// currents, so it fails instead of returning an approximation.</summary>
public sealed class IrDropNotConvergedException : InvalidOperationException
{
    public IrDropNotConvergedException(int rows, int cols, int iterations, double relativeResidual, double tolerance, IrDropSettings settings)
        : base($"IR-drop solver: a {rows} x {cols} array did not converge in {iterations} iterations " +
               $"(relative residual {relativeResidual:G3}, tolerance {tolerance:G3}; wire {settings.WireResistance} ohm, " +
               $"source {settings.SourceResistance} ohm, sink {settings.SinkResistance} ohm)")
    {
        Iterations = iterations;
        RelativeResidual = relativeResidual;
    }

    public int Iterations { get; }
    public double RelativeResidual { get; }
}
