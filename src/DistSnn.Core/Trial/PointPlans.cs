using DistSnn.Core.Data;
using DistSnn.Core.Snn;
using DistSnn.Core.Study;

namespace DistSnn.Core.Trial;

/// <summary>The trial plans of a study's sweep points, each built the first time a trial of its point runs.</summary>
public sealed class PointPlans
{
    private readonly Lazy<TrialPlan>[] _plans;

    public PointPlans(StudySpec spec, SnnModel model, Dataset data)
    {
        _plans = spec.Points.Select(p => new Lazy<TrialPlan>(() => TrialPlan.ForPoint(spec, p.Index, model, data))).ToArray();
    }

    public TrialPlan For(int point) => _plans[point].Value;
}
