#ifndef CAREKIOSK_ESPEAK_LOADER_H
#define CAREKIOSK_ESPEAK_LOADER_H

/* eSpeak NG's C API (Debian: libespeak-ng-dev for the header, libespeak-ng1 and espeak-ng-data at
   run time), loaded with dlopen when speech first starts rather than linked: libespeak-ng brings
   PulseAudio, ALSA, X11 and thirty more libraries, which the kiosk's first screen does not wait
   for. Only KioskSpeech imports this. */
#include <espeak-ng/speak_lib.h>

/* Loads the library; 0 when every function below can be called. */
int kiosk_espeak_load(void);

int kiosk_espeak_Initialize(espeak_AUDIO_OUTPUT output, int buflength, const char *path, int options);
void kiosk_espeak_SetSynthCallback(t_espeak_callback *callback);
espeak_ERROR kiosk_espeak_SetVoiceByName(const char *name);
espeak_ERROR kiosk_espeak_SetParameter(espeak_PARAMETER parameter, int value, int relative);
espeak_ERROR kiosk_espeak_Synth(const void *text, size_t size, unsigned int position, espeak_POSITION_TYPE position_type,
                                unsigned int end_position, unsigned int flags, unsigned int *unique_identifier, void *user_data);
espeak_ERROR kiosk_espeak_Cancel(void);
espeak_ERROR kiosk_espeak_Synchronize(void);
espeak_ERROR kiosk_espeak_Terminate(void);
/* Non-zero while eSpeak's command thread has something to say (asynchronous modes). */
int kiosk_espeak_IsPlaying(void);
const char *kiosk_espeak_TextToPhonemes(const void **textptr, int textmode, int phonememode);

#endif
