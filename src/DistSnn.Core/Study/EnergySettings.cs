namespace DistSnn.Core.Study;

/// <summary>
/// Energy per event for a chip's energy estimate (spec section <c>energy</c>). Order-of-magnitude defaults for a
/// 128 x 128 resistive tile; set your technology's figures. The estimate is
/// <c>E = 2 * synaptic_events * device_read + adc_conversions * adc_conversion + neuron_updates * neuron_update</c>
/// (two devices per weight; conversions only of non-ideal ADCs, so an ideal-ADC study leaves them out).
/// </summary>
/// <param name="DeviceReadFj">One device read, femtojoules: a 0.2 V read of a ~5 uS device for 10 ns is 2 fJ.</param>
/// <param name="AdcConversionPj">One column conversion, picojoules (an 8-bit SAR ADC: ~1-10 pJ).</param>
/// <param name="NeuronUpdatePj">One digital neuron update (integrate, compare, reset), picojoules.</param>
public sealed record EnergySettings(double DeviceReadFj = 2.0, double AdcConversionPj = 2.0, double NeuronUpdatePj = 0.5);
