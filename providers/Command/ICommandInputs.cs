using Kubedos.Engine.Model;

namespace Kubedos.Providers.Command;

/// <summary>What every command resource takes, wherever its commands run.</summary>
internal interface ICommandInputs
{
    /// <summary>Runs on create (and on update when <see cref="Update"/> is absent).</summary>
    PropertyValue Create { get; }

    /// <summary>Runs when inputs change in place.</summary>
    PropertyValue? Update { get; }

    /// <summary>Runs on delete.</summary>
    PropertyValue? Delete { get; }

    /// <summary>Extra environment variables; secret values are masked in all output.</summary>
    PropertyValue? Environment { get; }

    /// <summary>True when any input is secret, so the outputs are too (a method: a property would be recorded as an input).</summary>
    bool HasSecrets();
}
