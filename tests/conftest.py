import os

import torch

# Two cores are shared by the whole machine: keep torch to one thread in tests.
torch.set_num_threads(int(os.environ.get("ACTLOSS_TEST_THREADS", "1")))
