namespace DistSnn.Core.Crossbar.IrDrop;

/// <summary>
/// The exact nodal solution of one crossbar array with parasitic resistance (DESIGN.md, "The IR-drop circuit"): the
/// validation model. Row wire <c>i</c> is driven at its column-0 end by <c>V_i = x_i V_read</c> through
/// <c>source_resistance</c>; column wire <c>j</c> flows at its last-row end into 0 V through <c>sink_resistance</c>;
/// neighbouring cells are joined by <c>wire_resistance</c>; device <c>(i, j)</c> joins row node <c>(i, j)</c> to
/// column node <c>(i, j)</c>. Inactive rows are driven at 0 V. Units: uS and V inside (currents in uA), A out.
/// <para>Method: Kirchhoff's current law at the <c>2 rows cols</c> nodes is <c>A v = b</c> with <c>A</c> the symmetric
/// positive definite nodal (weighted Laplacian) matrix. It is solved by conjugate gradients preconditioned with the
/// exact solve of every row wire and every column wire on its own (block Jacobi over the wires, tridiagonal
/// Thomas solves: the line relaxation of CrossSim used as a preconditioner). The unknown is the drop
/// <c>u = v - v_ideal</c> from the ideal voltages (row nodes at <c>V_i</c>, column nodes at 0), which keeps the
/// millivolt-scale answer from being rounded against the read voltage. It stops when the true residual (the current
/// imbalance at every node, recomputed from <c>u</c>, 2-norm) is at most <see cref="Tolerance"/> times the 2-norm of
/// the ideal device currents plus that of <c>|A| |u|</c> (the normwise backward error: the imbalance is negligible
/// against the currents in the branches at each node, and reachable however large the wire conductances), and throws
/// <see cref="IrDropNotConvergedException"/>
/// after <see cref="MaxIterations"/> iterations.</para>
/// <para>Zero resistances are exact limits, not small numbers: a zero wire resistance merges each row wire and each
/// column wire into one node; a zero source resistance fixes a row's first node at <c>V_i</c>; a zero sink resistance
/// fixes a column's last node at 0 V. With all three 0 every node is fixed and the column current is
/// <c>V_read sum_i x_i G_ij</c> computed directly in double (the tile output then equals <c>sum_i x_i G_ij</c> to double
/// rounding).</para>
/// <para>Allocation-free per call after construction: all vectors are owned by the instance, so one solver per thread.
/// An array up to the constructed size is solved; its size is taken from the spans.</para>
/// </summary>
public sealed class IrDropSolver
{
    /// <summary>Relative residual at which a solution is accepted: every node's current imbalance is then far below
    /// the float precision of the tile's outputs.</summary>
    public const double DefaultTolerance = 1e-10;

    /// <summary>Iteration bound: realistic 128 x 128 arrays need tens; this leaves room for extreme resistances.</summary>
    public const int DefaultMaxIterations = 5000;

    private const double MicroToUnit = 1e-6;

    private readonly int _maxRows, _maxCols;
    private readonly double _gw, _gs, _gk; // uS; unused where the resistance is 0
    private readonly bool _lumped, _fixedSource, _fixedSink;

    // Node vectors. Distributed wires: row node (i, j) at i*cols + j, column node (i, j) at rows*cols + i*cols + j, both
    // row-major so a column-wire sweep runs along contiguous memory. Lumped wires: row node i at i, column node j at rows + j.
    private readonly double[] _u, _r, _z, _p, _q, _diag, _pivot, _drive;

    private int _rows, _cols;

    public IrDropSolver(int maxRows, int maxCols, IrDropSettings settings, double tolerance = DefaultTolerance, int maxIterations = DefaultMaxIterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCols, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 1);
        if (!(tolerance > 0 && tolerance < 1)) throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "the tolerance must lie in (0, 1)");
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        Tolerance = tolerance;
        MaxIterations = maxIterations;
        _maxRows = maxRows;
        _maxCols = maxCols;
        _lumped = settings.WireResistance == 0;
        _fixedSource = settings.SourceResistance == 0;
        _fixedSink = settings.SinkResistance == 0;
        _gw = _lumped ? 0 : 1e6 / settings.WireResistance;
        _gs = _fixedSource ? 0 : 1e6 / settings.SourceResistance;
        _gk = _fixedSink ? 0 : 1e6 / settings.SinkResistance;
        int nodes = _lumped ? maxRows + maxCols : 2 * maxRows * maxCols;
        _u = new double[nodes];
        _r = new double[nodes];
        _z = new double[nodes];
        _p = new double[nodes];
        _q = new double[nodes];
        _diag = new double[nodes];
        _pivot = new double[nodes];
        _drive = new double[maxRows];
    }

    public IrDropSettings Settings { get; }
    public double Tolerance { get; }
    public int MaxIterations { get; }

    /// <summary>Conjugate-gradient iterations of the last solve.</summary>
    public int LastIterations { get; private set; }

    /// <summary>Normwise backward error of the last solve: <c>|b - A u| / (|b| + ||A| |u||)</c>, at most <see cref="Tolerance"/>.</summary>
    public double LastRelativeResidual { get; private set; }

    /// <summary>
    /// Solves one array and gives its column currents.
    /// </summary>
    /// <param name="conductance">Device conductances in uS, row-major <c>[rows, cols]</c>, each at least 0.</param>
    /// <param name="input">Row inputs in [0, 1] (<c>rows</c> of them); a row at 0 is driven at 0 V.</param>
    /// <param name="columnCurrent">Receives the current into each column's sink, in A (<c>cols</c> of them).</param>
    /// <exception cref="IrDropNotConvergedException">The tolerance was not reached within <see cref="MaxIterations"/>.</exception>
    public void Solve(ReadOnlySpan<float> conductance, ReadOnlySpan<float> input, Span<double> columnCurrent)
    {
        int rows = input.Length, cols = columnCurrent.Length;
        if (rows < 1 || cols < 1 || rows > _maxRows || cols > _maxCols)
            throw new ArgumentException($"a {rows} x {cols} array does not fit this solver ({_maxRows} x {_maxCols})");
        if (conductance.Length != rows * cols) throw new ArgumentException("the conductances do not match the inputs and columns");
        _rows = rows;
        _cols = cols;
        double vread = Settings.ReadVoltage;
        for (int i = 0; i < rows; i++) _drive[i] = input[i] * vread;

        int n = NodeCount;
        Span<double> u = _u.AsSpan(0, n), r = _r.AsSpan(0, n), z = _z.AsSpan(0, n), p = _p.AsSpan(0, n), q = _q.AsSpan(0, n);
        Factor(conductance);
        u.Clear();
        IdealResidual(conductance, r);
        double scale = Norm(r);
        LastIterations = 0;
        LastRelativeResidual = 0;
        if (scale > 0) Iterate(conductance, scale);
        ColumnCurrents(conductance, columnCurrent);
    }

    /// <summary>Voltage (V) of row node <c>(i, j)</c> after the last solve: where device <c>(i, j)</c> meets its row wire.</summary>
    public double RowNodeVoltage(int i, int j) => _drive[i] + _u[RowNode(i, j)];

    /// <summary>Voltage (V) of column node <c>(i, j)</c> after the last solve: where device <c>(i, j)</c> meets its column wire.</summary>
    public double ColumnNodeVoltage(int i, int j) => _u[ColumnNode(i, j)];

    private int NodeCount => _lumped ? _rows + _cols : 2 * _rows * _cols;
    private int RowNode(int i, int j) => _lumped ? i : i * _cols + j;
    private int ColumnNode(int i, int j) => _lumped ? _rows + j : _rows * _cols + i * _cols + j;

    private bool IsFixedRowNode(int j) => _fixedSource && (_lumped || j == 0);
    private bool IsFixedColumnNode(int i) => _fixedSink && (_lumped || i == _rows - 1);

    private void Iterate(ReadOnlySpan<float> g, double scale)
    {
        int n = NodeCount;
        Span<double> u = _u.AsSpan(0, n), r = _r.AsSpan(0, n), z = _z.AsSpan(0, n), p = _p.AsSpan(0, n), q = _q.AsSpan(0, n);
        double target = Tolerance * scale;
        int iterations = 0;
        while (true)
        {
            // (Re)start from the current residual; a restart follows only if the recursive residual drifted from the true one.
            int before = iterations;
            Precondition(r, z);
            z.CopyTo(p);
            double rz = Dot(r, z);
            double norm = Norm(r);
            while (norm > target && iterations < MaxIterations)
            {
                Multiply(g, p, q);
                double pq = Dot(p, q);
                if (!(pq > 0)) break; // exhausted in rounding: verify below
                double alpha = rz / pq;
                for (int k = 0; k < n; k++)
                {
                    u[k] += alpha * p[k];
                    r[k] -= alpha * q[k];
                }
                iterations++;
                norm = Norm(r);
                if (norm <= target) break;
                Precondition(r, z);
                double rzNext = Dot(r, z);
                double beta = rzNext / rz;
                rz = rzNext;
                for (int k = 0; k < n; k++) p[k] = z[k] + beta * p[k];
            }

            // Normwise backward error: against the ideal currents and the branch currents of the drop found, so that
            // a network whose huge wire conductances put the rounding floor above tol * |b| still converges.
            double branches = TrueResidual(g, r);
            double relative = Norm(r) / (scale + branches);
            LastIterations = iterations;
            LastRelativeResidual = relative;
            if (relative <= Tolerance) return;
            target = Tolerance * (scale + branches);
            // A restart that could not take a step would repeat forever: rounding is all that is left.
            if (iterations >= MaxIterations || iterations == before) throw new IrDropNotConvergedException(_rows, _cols, iterations, relative, Tolerance, Settings);
        }
    }

    /// <summary>The residual of the ideal voltages, <c>b - A v_ideal</c>: exactly the ideal device currents, drawn out of
    /// each row node and pushed into each column node (every wire and terminal term vanishes there).</summary>
    private void IdealResidual(ReadOnlySpan<float> g, Span<double> r)
    {
        int rows = _rows, cols = _cols;
        r.Clear();
        if (_lumped)
        {
            for (int i = 0; i < rows; i++)
            {
                double v = _drive[i];
                if (v == 0) continue;
                ReadOnlySpan<float> gi = g.Slice(i * cols, cols);
                double row = 0;
                for (int j = 0; j < cols; j++)
                {
                    double current = gi[j] * v;
                    row += current;
                    r[rows + j] += current;
                }
                r[i] = -row;
            }
        }
        else
        {
            int columnBase = rows * cols;
            for (int i = 0; i < rows; i++)
            {
                double v = _drive[i];
                if (v == 0) continue;
                for (int j = 0; j < cols; j++)
                {
                    double current = g[i * cols + j] * v;
                    r[i * cols + j] = -current;
                    r[columnBase + i * cols + j] = current;
                }
            }
        }
        Mask(r);
    }

    /// <summary><c>r = r_ideal - A u</c>, from scratch; returns the 2-norm of <c>|A| |u|</c> (the branch currents of
    /// the drop, summed in magnitude per node), the scale of the rounding in <c>A u</c>.</summary>
    private double TrueResidual(ReadOnlySpan<float> g, Span<double> r)
    {
        int n = NodeCount;
        Span<double> q = _q.AsSpan(0, n), u = _u.AsSpan(0, n);
        // |u| through the same product (A's off-diagonal entries are all -conductance, so A |u| with the off-diagonal
        // signs flipped is |A| |u| = 2 diag |u| - A |u|).
        for (int k = 0; k < n; k++) _z[k] = Math.Abs(u[k]);
        Multiply(g, _z.AsSpan(0, n), q);
        double branches = 0;
        for (int k = 0; k < n; k++)
        {
            double magnitude = 2 * _diag[k] * _z[k] - q[k];
            branches += magnitude * magnitude;
        }
        Multiply(g, u, q);
        IdealResidual(g, r);
        for (int k = 0; k < n; k++) r[k] -= q[k];
        Mask(r);
        return Math.Sqrt(branches);
    }

    /// <summary>Fixed nodes are not unknowns: their residual and every vector's entry there stay 0.</summary>
    private void Mask(Span<double> x)
    {
        int rows = _rows, cols = _cols;
        if (_lumped)
        {
            if (_fixedSource) x[..rows].Clear();
            if (_fixedSink) x.Slice(rows, cols).Clear();
            return;
        }
        if (_fixedSource)
            for (int i = 0; i < rows; i++) x[i * cols] = 0;
        if (_fixedSink) x.Slice(rows * cols + (rows - 1) * cols, cols).Clear();
    }

    /// <summary>Diagonal of <c>A</c> (every conductance at a node, fixed neighbours included) and the pivots of the
    /// tridiagonal factorisation of every wire over its unknown nodes.</summary>
    private void Factor(ReadOnlySpan<float> g)
    {
        int rows = _rows, cols = _cols;
        Span<double> d = _diag, pivot = _pivot;
        if (_lumped)
        {
            for (int i = 0; i < rows; i++) d[i] = _gs;
            for (int j = 0; j < cols; j++) d[rows + j] = _gk;
            for (int i = 0; i < rows; i++)
            {
                ReadOnlySpan<float> gi = g.Slice(i * cols, cols);
                double row = 0;
                for (int j = 0; j < cols; j++)
                {
                    row += gi[j];
                    d[rows + j] += gi[j];
                }
                d[i] += row;
            }
            for (int k = 0; k < rows + cols; k++) pivot[k] = 1.0 / d[k];
            return;
        }

        double gw = _gw, gw2 = _gw * _gw;
        int columnBase = rows * cols;
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                double gij = g[i * cols + j];
                int wires = (j > 0 ? 1 : 0) + (j < cols - 1 ? 1 : 0);
                d[i * cols + j] = gij + gw * wires + (j == 0 ? _gs : 0);
                wires = (i > 0 ? 1 : 0) + (i < rows - 1 ? 1 : 0);
                d[columnBase + i * cols + j] = gij + gw * wires + (i == rows - 1 ? _gk : 0);
            }
        }
        // Row wires: unknown nodes j0..cols-1.
        int j0 = _fixedSource ? 1 : 0;
        for (int i = 0; i < rows; i++)
        {
            int at = i * cols;
            for (int j = j0; j < cols; j++)
                pivot[at + j] = 1.0 / (j == j0 ? d[at + j] : d[at + j] - gw2 * pivot[at + j - 1]);
        }
        // Column wires: unknown nodes 0..i1, all columns at once along contiguous rows.
        int i1 = _fixedSink ? rows - 2 : rows - 1;
        for (int i = 0; i <= i1; i++)
        {
            int at = columnBase + i * cols;
            for (int j = 0; j < cols; j++)
                pivot[at + j] = 1.0 / (i == 0 ? d[at + j] : d[at + j] - gw2 * pivot[at - cols + j]);
        }
    }

    /// <summary><c>z = M^-1 r</c>: every wire solved on its own (block Jacobi over the wires); 0 at fixed nodes.</summary>
    private void Precondition(ReadOnlySpan<double> r, Span<double> z)
    {
        int rows = _rows, cols = _cols;
        ReadOnlySpan<double> pivot = _pivot;
        if (_lumped)
        {
            for (int k = 0; k < rows + cols; k++) z[k] = r[k] * pivot[k];
            Mask(z);
            return;
        }

        double gw = _gw;
        int j0 = _fixedSource ? 1 : 0;
        for (int i = 0; i < rows; i++)
        {
            int at = i * cols;
            if (j0 > 0) z[at] = 0;
            if (j0 >= cols) continue;
            // Forward: y_j = r_j + gw y_{j-1} / m_{j-1}; back: z_j = (y_j + gw z_{j+1}) / m_j.
            z[at + j0] = r[at + j0];
            for (int j = j0 + 1; j < cols; j++) z[at + j] = r[at + j] + gw * z[at + j - 1] * pivot[at + j - 1];
            z[at + cols - 1] *= pivot[at + cols - 1];
            for (int j = cols - 2; j >= j0; j--) z[at + j] = (z[at + j] + gw * z[at + j + 1]) * pivot[at + j];
        }

        int columnBase = rows * cols;
        int i1 = _fixedSink ? rows - 2 : rows - 1;
        if (_fixedSink) z.Slice(columnBase + (rows - 1) * cols, cols).Clear();
        if (i1 < 0) return;
        r.Slice(columnBase, cols).CopyTo(z.Slice(columnBase, cols));
        for (int i = 1; i <= i1; i++)
        {
            int at = columnBase + i * cols;
            for (int j = 0; j < cols; j++) z[at + j] = r[at + j] + gw * z[at - cols + j] * pivot[at - cols + j];
        }
        {
            int at = columnBase + i1 * cols;
            for (int j = 0; j < cols; j++) z[at + j] *= pivot[at + j];
        }
        for (int i = i1 - 1; i >= 0; i--)
        {
            int at = columnBase + i * cols;
            for (int j = 0; j < cols; j++) z[at + j] = (z[at + j] + gw * z[at + cols + j]) * pivot[at + j];
        }
    }

    /// <summary><c>y = A x</c> for <c>x</c> that is 0 at fixed nodes; <c>y</c> is 0 at fixed nodes.</summary>
    private void Multiply(ReadOnlySpan<float> g, ReadOnlySpan<double> x, Span<double> y)
    {
        int rows = _rows, cols = _cols;
        ReadOnlySpan<double> d = _diag;
        if (_lumped)
        {
            for (int k = 0; k < rows + cols; k++) y[k] = d[k] * x[k];
            for (int i = 0; i < rows; i++)
            {
                ReadOnlySpan<float> gi = g.Slice(i * cols, cols);
                double xi = x[i], row = 0;
                for (int j = 0; j < cols; j++)
                {
                    row += gi[j] * x[rows + j];
                    y[rows + j] -= gi[j] * xi;
                }
                y[i] -= row;
            }
            Mask(y);
            return;
        }

        double gw = _gw;
        int columnBase = rows * cols;
        for (int i = 0; i < rows; i++)
        {
            int at = i * cols, cat = columnBase + i * cols;
            ReadOnlySpan<float> gi = g.Slice(at, cols);
            for (int j = 0; j < cols; j++)
            {
                double left = j > 0 ? x[at + j - 1] : 0, right = j < cols - 1 ? x[at + j + 1] : 0;
                double up = i > 0 ? x[cat - cols + j] : 0, down = i < rows - 1 ? x[cat + cols + j] : 0;
                double xr = x[at + j], xc = x[cat + j], gij = gi[j];
                y[at + j] = d[at + j] * xr - gw * (left + right) - gij * xc;
                y[cat + j] = d[cat + j] * xc - gw * (up + down) - gij * xr;
            }
        }
        Mask(y);
    }

    private void ColumnCurrents(ReadOnlySpan<float> g, Span<double> current)
    {
        int rows = _rows, cols = _cols;
        ReadOnlySpan<double> u = _u;
        for (int j = 0; j < cols; j++)
        {
            double microamps;
            if (!_fixedSink) microamps = _gk * u[ColumnNode(rows - 1, j)];
            else if (_lumped)
            {
                microamps = 0;
                for (int i = 0; i < rows; i++) microamps += g[i * cols + j] * (_drive[i] + u[i]);
            }
            else
            {
                // The sink node is at 0 V: what flows in is the last device's current plus the segment's from above.
                int last = rows - 1;
                microamps = g[last * cols + j] * (_drive[last] + u[RowNode(last, j)]);
                if (rows > 1) microamps += _gw * u[ColumnNode(last - 1, j)];
            }
            current[j] = microamps * MicroToUnit;
        }
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int k = 0; k < a.Length; k++) sum += a[k] * b[k];
        return sum;
    }

    private static double Norm(ReadOnlySpan<double> a) => Math.Sqrt(Dot(a, a));
}
