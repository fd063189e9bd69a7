namespace Kubedos.Engine.Model;

/// <summary>A value that becomes available as the deployment runs; carries knownness, secrecy and the resources it depends on.</summary>
/// <remarks>
/// <c>Apply</c> does not run its function on an unknown value (preview): the result is unknown too.
/// Secrecy and dependencies flow through <c>Apply</c>, <see cref="Output.All{T}(Output{T}[])"/>,
/// <c>Output.Tuple</c> and <see cref="Output.Format"/>.
/// </remarks>
public sealed class Output<T> : IInput
{
    internal Output(Task<OutputData<T>> data) => DataTask = data;

    internal Task<OutputData<T>> DataTask { get; }

    Type IInput.ValueType => typeof(T);

    async Task<OutputData<object?>> IInput.GetDataAsync()
    {
        var data = await DataTask.ConfigureAwait(false);
        return new OutputData<object?>(data.Value, data.IsKnown, data.IsSecret, data.Resources);
    }

    /// <summary>Transforms the value once known.</summary>
    public Output<TResult> Apply<TResult>(Func<T, TResult> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return Apply(v => Task.FromResult(func(v)));
    }

    /// <summary>Transforms the value once known, asynchronously.</summary>
    public Output<TResult> Apply<TResult>(Func<T, Task<TResult>> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        var task = ApplyAsync(func);
        DeploymentScope.Current?.TrackApply(task);
        return new Output<TResult>(task);
    }

    /// <summary>Transforms the value into another output, flattening it.</summary>
    public Output<TResult> Apply<TResult>(Func<T, Output<TResult>> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        var task = ApplyOutputAsync(func);
        DeploymentScope.Current?.TrackApply(task);
        return new Output<TResult>(task);
    }

    /// <summary>This output, marked secret.</summary>
    public Output<T> AsSecret() => new(MarkSecretAsync());

    internal Output<T> AsNotSecret() => new(MarkNotSecretAsync());

    /// <summary>The resolved value, for tests and automation programs; throws when it is unknown.</summary>
    internal async Task<T> GetValueAsync()
    {
        var data = await DataTask.ConfigureAwait(false);
        return data.IsKnown ? data.Value : throw new InvalidOperationException("The output is unknown (known after up).");
    }

    private async Task<OutputData<TResult>> ApplyAsync<TResult>(Func<T, Task<TResult>> func)
    {
        var data = await DataTask.ConfigureAwait(false);
        if (!data.IsKnown)
        {
            return OutputData<TResult>.Unknown(data.IsSecret, data.Resources);
        }

        var result = await func(data.Value).ConfigureAwait(false);
        return new OutputData<TResult>(result, true, data.IsSecret, data.Resources);
    }

    private async Task<OutputData<TResult>> ApplyOutputAsync<TResult>(Func<T, Output<TResult>> func)
    {
        var data = await DataTask.ConfigureAwait(false);
        if (!data.IsKnown)
        {
            return OutputData<TResult>.Unknown(data.IsSecret, data.Resources);
        }

        var inner = await func(data.Value).DataTask.ConfigureAwait(false);
        return new OutputData<TResult>(inner.Value, inner.IsKnown, data.IsSecret || inner.IsSecret, data.Resources.Union(inner.Resources));
    }

    private async Task<OutputData<T>> MarkSecretAsync()
    {
        var data = await DataTask.ConfigureAwait(false);
        return data with { IsSecret = true };
    }

    private async Task<OutputData<T>> MarkNotSecretAsync()
    {
        var data = await DataTask.ConfigureAwait(false);
        return data with { IsSecret = false };
    }

    internal static Output<T> FromData(OutputData<T> data) => new(Task.FromResult(data));
}
