
namespace Kubedos.Engine.Model;

/// <summary>Resolves one typed <see cref="Output{T}"/> from a registration's outputs.</summary>
internal sealed class OutputSource<T>(string name) : IOutputSource
{
    private readonly TaskCompletionSource<OutputData<T>> _source = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name { get; } = name;

    public Output<T> Output => new(_source.Task);

    public void Resolve(Resource resource, PropertyValue? value, bool known)
    {
        if (value is null || value.IsNull)
        {
            _source.TrySetResult(new OutputData<T>(default!, known, false, [resource]));
            return;
        }

        if (value.ContainsUnknowns)
        {
            _source.TrySetResult(OutputData<T>.Unknown(value.ContainsSecrets, [resource]));
            return;
        }

        try
        {
            var typed = (T)PropertyMapper.FromValue(value, typeof(T), Name)!;
            _source.TrySetResult(new OutputData<T>(typed, true, value.ContainsSecrets, [resource]));
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidCastException or FormatException)
        {
            _source.TrySetException(new ResourceFailedException(resource.ResourceUrn, $"output '{Name}' cannot be read as {typeof(T).Name}: {ex.Message}", ex));
        }
    }

    public void Fail(Exception exception) => _source.TrySetException(exception);
}
