namespace Kubedos.Engine.Model;

/// <summary>A resource argument: a plain value or an <see cref="Output{T}"/> (which records the dependency).</summary>
public sealed class Input<T> : IInput
{
    private readonly Output<T> _output;

    private Input(Output<T> output) => _output = output;

    public static implicit operator Input<T>(T value) => new(Output.Create(value));

    public static implicit operator Input<T>(Output<T> output) => new(output ?? throw new ArgumentNullException(nameof(output)));

    /// <summary>This input as an output.</summary>
    public Output<T> ToOutput() => _output;

    public static Input<T> FromOutput(Output<T> output) => output;

    public static Input<T> FromValue(T value) => value;

    Type IInput.ValueType => typeof(T);

    Task<OutputData<object?>> IInput.GetDataAsync() => ((IInput)_output).GetDataAsync();
}
