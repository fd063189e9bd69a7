namespace Kubedos.Engine.Model;

/// <summary>The untyped view of an <see cref="Output{T}"/> or <see cref="Input{T}"/> the engine serialises.</summary>
internal interface IInput
{
    Type ValueType { get; }

    Task<OutputData<object?>> GetDataAsync();
}
