using Kubedos.Engine.Model;

namespace Kubedos.Engine.Providers;

/// <summary>A provider's failure, naming the resource and (when one is to blame) the property.</summary>
public sealed class ProviderException : Exception
{
    public ProviderException()
    {
    }

    public ProviderException(string message)
        : base(message)
    {
    }

    public ProviderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ProviderException(Urn? urn, string? property, string message, Exception? innerException = null)
        : base(Describe(urn, property, message), innerException)
    {
        Urn = urn;
        Property = property;
        Reason = message;
    }

    /// <summary>The resource the failure concerns, when known.</summary>
    public Urn? Urn { get; }

    /// <summary>The property to blame, when one is.</summary>
    public string? Property { get; }

    /// <summary>The plain message without the URN and property.</summary>
    public string? Reason { get; }

    private static string Describe(Urn? urn, string? property, string message)
    {
        var where = urn is null ? string.Empty : urn.Value;
        if (property is not null)
        {
            where = where.Length == 0 ? $"property '{property}'" : $"{where} (property '{property}')";
        }

        return where.Length == 0 ? message : $"{where}: {message}";
    }
}
