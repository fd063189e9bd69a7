using System.Collections.Immutable;
using System.Globalization;

namespace Kubedos.Engine.Model;

/// <summary>Makes and combines <see cref="Output{T}"/>s.</summary>
public static class Output
{
    /// <summary>A known output of <paramref name="value"/>.</summary>
    public static Output<T> Create<T>(T value) => Output<T>.FromData(OutputData<T>.Known(value));

    /// <summary>An output of a value computed asynchronously.</summary>
    public static Output<T> Create<T>(Task<T> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new Output<T>(WrapAsync(value));
    }

    /// <summary>A known secret output of <paramref name="value"/>.</summary>
    public static Output<T> CreateSecret<T>(T value) => Output<T>.FromData(OutputData<T>.Known(value, secret: true));

    /// <summary><paramref name="output"/> marked secret.</summary>
    public static Output<T> CreateSecret<T>(Output<T> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return output.AsSecret();
    }

    /// <summary>
    /// <paramref name="output"/> no longer marked secret (Pulumi's <c>Output.Unsecret</c>): for a value derived from a
    /// secret that carries none of it, such as the verdict of a command that read a key.
    /// </summary>
    public static Output<T> Unsecret<T>(Output<T> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return output.AsNotSecret();
    }

    /// <summary>All values once all are known; unknown when any is, secret when any is.</summary>
    public static Output<ImmutableArray<T>> All<T>(params Output<T>[] outputs) => All((IEnumerable<Output<T>>)outputs);

    /// <summary>All values once all are known; unknown when any is, secret when any is.</summary>
    public static Output<ImmutableArray<T>> All<T>(IEnumerable<Output<T>> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var list = outputs.ToList();
        return new Output<ImmutableArray<T>>(AllAsync(list));
    }

    /// <summary>All values once all are known.</summary>
    public static Output<ImmutableArray<T>> All<T>(params Input<T>[] inputs) =>
        All(inputs.Select(i => i.ToOutput()));

    /// <summary>Two outputs as one tuple.</summary>
    public static Output<(T1, T2)> Tuple<T1, T2>(Input<T1> first, Input<T2> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return new Output<(T1, T2)>(TupleAsync(first.ToOutput(), second.ToOutput()));
    }

    /// <summary>Three outputs as one tuple.</summary>
    public static Output<(T1, T2, T3)> Tuple<T1, T2, T3>(Input<T1> first, Input<T2> second, Input<T3> third)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentNullException.ThrowIfNull(third);
        return Tuple<T1, (T2, T3)>(first, Tuple(second, third)).Apply(t => (t.Item1, t.Item2.Item1, t.Item2.Item2));
    }

    /// <summary>An interpolated string whose holes may be outputs: <c>Output.Format($"{host}:{port}")</c>.</summary>
    public static Output<string> Format(FormattableString text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Output<string>(FormatAsync(text));
    }

    private static async Task<OutputData<T>> WrapAsync<T>(Task<T> value) =>
        OutputData<T>.Known(await value.ConfigureAwait(false));

    private static async Task<OutputData<ImmutableArray<T>>> AllAsync<T>(List<Output<T>> outputs)
    {
        var parts = await Task.WhenAll(outputs.Select(o => o.DataTask)).ConfigureAwait(false);
        return Combine<T, ImmutableArray<T>>(parts, p => [.. p.Select(x => x.Value)]);
    }

    private static async Task<OutputData<(T1, T2)>> TupleAsync<T1, T2>(Output<T1> first, Output<T2> second)
    {
        var a = await first.DataTask.ConfigureAwait(false);
        var b = await second.DataTask.ConfigureAwait(false);
        var known = a.IsKnown && b.IsKnown;
        return new OutputData<(T1, T2)>(known ? (a.Value, b.Value) : default, known, a.IsSecret || b.IsSecret, a.Resources.Union(b.Resources));
    }

    private static async Task<OutputData<string>> FormatAsync(FormattableString text)
    {
        var args = text.GetArguments();
        var resolved = new object?[args.Length];
        var known = true;
        var secret = false;
        var resources = ImmutableHashSet<Resource>.Empty;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is IInput input)
            {
                var data = await input.GetDataAsync().ConfigureAwait(false);
                known &= data.IsKnown;
                secret |= data.IsSecret;
                resources = resources.Union(data.Resources);
                resolved[i] = data.Value;
            }
            else
            {
                resolved[i] = args[i];
            }
        }

        return known
            ? new OutputData<string>(string.Format(CultureInfo.InvariantCulture, text.Format, resolved), true, secret, resources)
            : OutputData<string>.Unknown(secret, resources);
    }

    private static OutputData<TResult> Combine<T, TResult>(OutputData<T>[] parts, Func<OutputData<T>[], TResult> value)
    {
        var known = parts.All(p => p.IsKnown);
        var resources = parts.Aggregate(ImmutableHashSet<Resource>.Empty, (acc, p) => acc.Union(p.Resources));
        return new OutputData<TResult>(known ? value(parts) : default!, known, parts.Any(p => p.IsSecret), resources);
    }
}
