#include "espeak_loader.h"

#include <dlfcn.h>
#include <pthread.h>

static void *library;
static int (*p_Initialize)(espeak_AUDIO_OUTPUT, int, const char *, int);
static void (*p_SetSynthCallback)(t_espeak_callback *);
static espeak_ERROR (*p_SetVoiceByName)(const char *);
static espeak_ERROR (*p_SetParameter)(espeak_PARAMETER, int, int);
static espeak_ERROR (*p_Synth)(const void *, size_t, unsigned int, espeak_POSITION_TYPE, unsigned int, unsigned int, unsigned int *, void *);
static espeak_ERROR (*p_Cancel)(void);
static espeak_ERROR (*p_Synchronize)(void);
static espeak_ERROR (*p_Terminate)(void);
static int (*p_IsPlaying)(void);
static const char *(*p_TextToPhonemes)(const void **, int, int);
static pthread_mutex_t loading = PTHREAD_MUTEX_INITIALIZER;
static int loaded = 0;

int kiosk_espeak_load(void) {
    pthread_mutex_lock(&loading);
    if (!loaded) {
        library = dlopen("libespeak-ng.so.1", RTLD_NOW | RTLD_LOCAL);
        if (library) {
            p_Initialize = dlsym(library, "espeak_Initialize");
            p_SetSynthCallback = dlsym(library, "espeak_SetSynthCallback");
            p_SetVoiceByName = dlsym(library, "espeak_SetVoiceByName");
            p_SetParameter = dlsym(library, "espeak_SetParameter");
            p_Synth = dlsym(library, "espeak_Synth");
            p_Cancel = dlsym(library, "espeak_Cancel");
            p_Synchronize = dlsym(library, "espeak_Synchronize");
            p_Terminate = dlsym(library, "espeak_Terminate");
            p_IsPlaying = dlsym(library, "espeak_IsPlaying");
            p_TextToPhonemes = dlsym(library, "espeak_TextToPhonemes");
            loaded = p_Initialize && p_SetSynthCallback && p_SetVoiceByName && p_SetParameter && p_Synth && p_Cancel
                && p_Synchronize && p_Terminate && p_IsPlaying && p_TextToPhonemes;
        }
    }
    pthread_mutex_unlock(&loading);
    return loaded ? 0 : -1;
}

int kiosk_espeak_Initialize(espeak_AUDIO_OUTPUT output, int buflength, const char *path, int options) {
    return p_Initialize(output, buflength, path, options);
}
void kiosk_espeak_SetSynthCallback(t_espeak_callback *callback) { p_SetSynthCallback(callback); }
espeak_ERROR kiosk_espeak_SetVoiceByName(const char *name) { return p_SetVoiceByName(name); }
espeak_ERROR kiosk_espeak_SetParameter(espeak_PARAMETER parameter, int value, int relative) {
    return p_SetParameter(parameter, value, relative);
}
espeak_ERROR kiosk_espeak_Synth(const void *text, size_t size, unsigned int position, espeak_POSITION_TYPE position_type,
                                unsigned int end_position, unsigned int flags, unsigned int *unique_identifier, void *user_data) {
    return p_Synth(text, size, position, position_type, end_position, flags, unique_identifier, user_data);
}
espeak_ERROR kiosk_espeak_Cancel(void) { return p_Cancel(); }
espeak_ERROR kiosk_espeak_Synchronize(void) { return p_Synchronize(); }
espeak_ERROR kiosk_espeak_Terminate(void) { return p_Terminate(); }
int kiosk_espeak_IsPlaying(void) { return p_IsPlaying(); }
const char *kiosk_espeak_TextToPhonemes(const void **textptr, int textmode, int phonememode) {
    return p_TextToPhonemes(textptr, textmode, phonememode);
}
