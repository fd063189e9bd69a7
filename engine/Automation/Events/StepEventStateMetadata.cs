using Kubedos.Engine.Model;

namespace Kubedos.Engine.Automation.Events;

/// <summary>A resource's state as an event shows it (secret values are masked when serialised).</summary>
public sealed record StepEventStateMetadata(
    string Type,
    Urn Urn,
    bool Custom,
    string? Id,
    Urn? Parent,
    bool Protect,
    PropertyMap Inputs,
    PropertyMap Outputs);
