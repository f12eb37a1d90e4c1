namespace DistSnn.Core.Crossbar;

/// <summary>Which read this is: the random key of every stochastic quantity of one tile read (DESIGN.md §3).</summary>
/// <param name="Seed">The study seed.</param>
/// <param name="Trial">The trial (virtual chip).</param>
/// <param name="Sample">The sample's index in its data set.</param>
/// <param name="Step">The time step.</param>
public readonly record struct ReadKey(uint Seed, int Trial, int Sample, int Step);
