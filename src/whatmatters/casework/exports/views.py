def index(request, council_id):
    raise NotImplementedError


def download(request, council_id, kind):
    raise NotImplementedError
