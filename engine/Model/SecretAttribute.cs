namespace Kubedos.Engine.Model;

/// <summary>Marks an input or output property whose value is secret: encrypted in state, never printed.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, AllowMultiple = false)]
public sealed class SecretAttribute : Attribute;
